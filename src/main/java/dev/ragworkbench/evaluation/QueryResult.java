package dev.ragworkbench.evaluation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Objects;
import java.util.SequencedMap;

/**
 * The metric values of one query.
 *
 * @param queryId the query
 * @param values  metric → value, in the order the metrics were requested
 */
public record QueryResult(String queryId, SequencedMap<Metric, Double> values) {

    public QueryResult {
        Objects.requireNonNull(queryId, "queryId");
        values = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(values));
    }

    public double value(Metric metric) {
        Double v = values.get(metric);
        if (v == null) {
            throw new IllegalArgumentException("metric " + metric + " was not computed");
        }
        return v;
    }
}
