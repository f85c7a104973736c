package dev.ragworkbench.judging;

import java.util.Locale;

/**
 * How far a pool's judging is, for the progress line: the current query (1-based) of all, that query's judged
 * documents of its pooled ones, and the same over the whole pool. Documents the set had judged before count as
 * judged.
 */
public record PoolProgress(int query, int queries, int judgedInQuery, int hitsInQuery, int judged, int hits) {

    public boolean done() {
        return judged == hits;
    }

    /** E.g. {@code query 7 of 40, 12 of 31 hits judged (180 of 1,204 in all)}. */
    public String describe() {
        if (hits == 0) {
            return "the pool is empty: no retriever found a document for these queries";
        }
        String all = String.format(Locale.ROOT, "%,d of %,d in all", judged, hits);
        if (query == 0) {
            return "all " + String.format(Locale.ROOT, "%,d", hits) + " hits judged (" + all + ")";
        }
        return String.format(Locale.ROOT, "query %d of %d, %d of %d hits judged (%s)", query, queries, judgedInQuery,
                hitsInQuery, all);
    }
}
