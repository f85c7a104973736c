package dev.ragworkbench.ui.models;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A word-level diff of two texts (the longest common subsequence of their words): what the Models pane marks in
 * a model's output against the expected output, or against another model's output.
 */
public final class WordDiff {

    /** How a word of the diff reads: in both, only in the new text, or only in the old one. */
    public enum Kind { SAME, ADDED, REMOVED }

    public record Segment(String word, Kind kind) {
    }

    /** Above this many word pairs the table would be too big to be worth it; the texts then differ whole. */
    private static final long MAX_CELLS = 4_000_000;

    private WordDiff() {
    }

    /** {@code newer} against {@code older}, in reading order: removed words just before what replaced them. */
    public static List<Segment> diff(String older, String newer) {
        List<String> a = words(older);
        List<String> b = words(newer);
        var out = new ArrayList<Segment>();
        if ((long) a.size() * b.size() > MAX_CELLS) {
            a.forEach(w -> out.add(new Segment(w, Kind.REMOVED)));
            b.forEach(w -> out.add(new Segment(w, Kind.ADDED)));
            return out;
        }
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < a.size() && j < b.size()) {
            if (a.get(i).equals(b.get(j))) {
                out.add(new Segment(b.get(j), Kind.SAME));
                i++;
                j++;
            } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
                out.add(new Segment(a.get(i++), Kind.REMOVED));
            } else {
                out.add(new Segment(b.get(j++), Kind.ADDED));
            }
        }
        while (i < a.size()) {
            out.add(new Segment(a.get(i++), Kind.REMOVED));
        }
        while (j < b.size()) {
            out.add(new Segment(b.get(j++), Kind.ADDED));
        }
        return out;
    }

    private static List<String> words(String text) {
        String s = text == null ? "" : text.strip();
        return s.isEmpty() ? List.of() : Arrays.asList(s.split("\\s+"));
    }
}
