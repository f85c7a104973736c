package dev.ragworkbench.evaluation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.SequencedMap;

/**
 * Means over the evaluated queries, as trec_eval's "all" line with {@code -c}.
 *
 * @param means metric → mean over {@code count} queries, in the order the metrics were requested
 * @param count number of queries averaged (by default those in the qrels with at least one relevant judgment)
 */
public record Aggregate(SequencedMap<Metric, Double> means, int count) {

    public Aggregate {
        means = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(means));
    }

    public double mean(Metric metric) {
        Double v = means.get(metric);
        if (v == null) {
            throw new IllegalArgumentException("metric " + metric + " was not computed");
        }
        return v;
    }
}
