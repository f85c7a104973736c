package dev.ragworkbench.evaluation;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The answer comparisons of the official SQuAD evaluation script ({@code evaluate-v2.0.py}): text is normalised
 * by lower-casing, removing ASCII punctuation, removing the articles {@code a}, {@code an}, {@code the}, and
 * folding white space; exact match compares normalised texts, F1 the bags of normalised tokens. ROUGE-L is the
 * F-measure of the longest common subsequence of the same tokens.
 */
public final class SquadText {

    /** Python's {@code string.punctuation}, which the script removes character by character. */
    private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
    private static final Pattern ARTICLES = Pattern.compile("\\b(a|an|the)\\b");

    private SquadText() {
    }

    /** {@code white_space_fix(remove_articles(remove_punc(lower(s))))}, as the script does it. */
    public static String normalize(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        var noPunct = new StringBuilder(lower.length());
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (PUNCTUATION.indexOf(c) < 0) {
                noPunct.append(c);
            }
        }
        String noArticles = ARTICLES.matcher(noPunct).replaceAll(" ");
        return String.join(" ", tokens(noArticles));
    }

    /** The normalised text split on white space (Python's {@code str.split()}). */
    public static List<String> normalizedTokens(String text) {
        return tokens(normalize(text));
    }

    private static List<String> tokens(CharSequence text) {
        String s = text.toString().strip();
        return s.isEmpty() ? List.of() : Arrays.asList(s.split("\\s+"));
    }

    /** 1 when the normalised texts are equal, else 0. */
    public static double exactMatch(String output, String expected) {
        return normalize(output).equals(normalize(expected)) ? 1 : 0;
    }

    /** SQuAD's token F1; when either side has no tokens, 1 if both have none, else 0. */
    public static double tokenF1(String output, String expected) {
        List<String> pred = normalizedTokens(output);
        List<String> gold = normalizedTokens(expected);
        if (pred.isEmpty() || gold.isEmpty()) {
            return pred.isEmpty() && gold.isEmpty() ? 1 : 0;
        }
        Map<String, Integer> counts = new HashMap<>();
        gold.forEach(t -> counts.merge(t, 1, Integer::sum));
        int same = 0;
        for (String t : pred) {
            Integer left = counts.get(t);
            if (left != null && left > 0) {
                counts.put(t, left - 1);
                same++;
            }
        }
        if (same == 0) {
            return 0;
        }
        double precision = (double) same / pred.size();
        double recall = (double) same / gold.size();
        return 2 * precision * recall / (precision + recall);
    }

    /** ROUGE-L F1 (β = 1) over normalised tokens; when either side has no tokens, 1 if both have none, else 0. */
    public static double rougeL(String output, String expected) {
        List<String> pred = normalizedTokens(output);
        List<String> gold = normalizedTokens(expected);
        if (pred.isEmpty() || gold.isEmpty()) {
            return pred.isEmpty() && gold.isEmpty() ? 1 : 0;
        }
        int lcs = lcs(pred, gold);
        if (lcs == 0) {
            return 0;
        }
        double precision = (double) lcs / pred.size();
        double recall = (double) lcs / gold.size();
        return 2 * precision * recall / (precision + recall);
    }

    /** Length of the longest common subsequence, in O(n·m) time and O(m) memory. */
    static int lcs(List<String> a, List<String> b) {
        int[] prev = new int[b.size() + 1];
        int[] cur = new int[b.size() + 1];
        for (String x : a) {
            for (int j = 1; j <= b.size(); j++) {
                cur[j] = x.equals(b.get(j - 1)) ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.size()];
    }
}
