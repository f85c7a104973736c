package dev.ragworkbench.evaluation;

import java.util.Comparator;

/**
 * The order in which trec_eval ranks a query's results, which every metric here uses and the run writer emits.
 *
 * <p>trec_eval ignores the rank column of a run file. It sorts by score descending and breaks ties by document
 * id in <em>descending</em> {@code strcmp} order (form_res_rels.c, comp_sim_docno). Two details matter:
 * <ul>
 *   <li>scores are compared with {@code >}/{@code <}, so {@code -0.0} and {@code 0.0} tie (unlike
 *       {@link Double#compare}) and fall through to the document-id tie break;</li>
 *   <li>{@code strcmp} compares UTF-8 bytes, i.e. Unicode code point order, which differs from
 *       {@link String#compareTo} (UTF-16 units) for characters beyond the BMP versus U+E000–U+FFFF.</li>
 * </ul>
 */
public final class RankingOrder {

    /** Score descending, then document id descending in code point (= UTF-8 byte) order. */
    public static final Comparator<ScoredDoc> TREC_EVAL = RankingOrder::compare;

    private RankingOrder() {
    }

    static int compare(ScoredDoc a, ScoredDoc b) {
        if (a.score() > b.score()) {
            return -1;
        }
        if (a.score() < b.score()) {
            return 1;
        }
        return compareCodePoints(b.docId(), a.docId());
    }

    /** Compares strings by Unicode code point, which is the order of their UTF-8 bytes. */
    static int compareCodePoints(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                return codePointRank(x) - codePointRank(y);
            }
        }
        return a.length() - b.length();
    }

    // Surrogates (which encode code points above U+FFFF) must sort after U+E000–U+FFFF: shift them up and
    // the private-use/specials block down, the usual UTF-16 "code point order" fix-up.
    private static int codePointRank(char c) {
        if (c >= 0xE000) {
            return c - 0x800;
        }
        if (c >= 0xD800) {
            return c + 0x2000;
        }
        return c;
    }
}
