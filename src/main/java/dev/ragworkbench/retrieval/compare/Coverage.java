package dev.ragworkbench.retrieval.compare;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.SequencedMap;

/**
 * How many of a column's top {@link #CUTOFF} documents the eval set judges at all, per query. An unjudged hit
 * counts as non-relevant in every metric, so a retriever that finds good unjudged documents looks worse than it
 * is; this says how much of its top 10 the metrics actually saw.
 *
 * @param judged per query: judged documents among its top 10
 * @param shown  per query: documents in its top 10 (fewer when the column found fewer)
 */
public record Coverage(SequencedMap<String, Integer> judged, SequencedMap<String, Integer> shown) {

    public static final int CUTOFF = 10;

    public Coverage {
        judged = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(judged));
        shown = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(shown));
    }

    /** Judged share of one query's top 10, in [0, 1]; 0 when the column found nothing. */
    public double fraction(String queryId) {
        int n = shown.getOrDefault(queryId, 0);
        return n == 0 ? 0 : judged.getOrDefault(queryId, 0) / (double) n;
    }

    /** The judged share over every hit in every query's top 10. */
    public double overall() {
        long n = shown.values().stream().mapToLong(Integer::longValue).sum();
        long j = judged.values().stream().mapToLong(Integer::longValue).sum();
        return n == 0 ? 0 : j / (double) n;
    }
}
