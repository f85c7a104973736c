package dev.ragworkbench.evaluation;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Objects;
import java.util.SequencedMap;

/**
 * A Comparison: run B against run A on every metric both have per-query or per-item values of. The JSON of
 * {@code runs compare --json} is this record as Jackson writes it.
 *
 * @param a              run A's id
 * @param b              run B's id
 * @param evalSetsDiffer true when both runs record an {@code evalSet.sha256} and the hashes differ; false when
 *                       they agree or either run does not record one (not known to differ)
 * @param metrics        by canonical name, sorted
 */
@JsonPropertyOrder({"a", "b", "evalSetsDiffer", "metrics"})
public record Comparison(String a, String b, boolean evalSetsDiffer,
                            SequencedMap<String, MetricComparison> metrics) {

    public Comparison {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        metrics = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(metrics));
    }

    public MetricComparison metric(String name) {
        MetricComparison m = metrics.get(name);
        if (m == null) {
            throw new IllegalArgumentException("runs " + a + " and " + b + " share no metric " + name
                    + "; shared: " + String.join(", ", metrics.keySet()));
        }
        return m;
    }
}
