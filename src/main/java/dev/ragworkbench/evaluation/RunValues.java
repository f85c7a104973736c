package dev.ragworkbench.evaluation;

import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The stored runs as the comparison reads them: params and per-query (or per-item) metric values. The run store
 * provides it at the composition root, so the evaluation package depends on no store.
 */
public interface RunValues {

    /** A run's params, flat dotted keys; throws when there is no such run. */
    Map<String, String> params(String runId);

    /** The metrics a run has per-query or per-item values of. */
    List<String> metricNames(String runId);

    /** One metric's values of a run, query or item id → value, in the order they were logged. */
    SequencedMap<String, Double> values(String runId, String metric);

    static RunValues of(Function<String, Map<String, String>> params, Function<String, List<String>> metricNames,
                        BiFunction<String, String, SequencedMap<String, Double>> values) {
        return new RunValues() {
            @Override
            public Map<String, String> params(String runId) {
                return params.apply(runId);
            }

            @Override
            public List<String> metricNames(String runId) {
                return metricNames.apply(runId);
            }

            @Override
            public SequencedMap<String, Double> values(String runId, String metric) {
                return values.apply(runId, metric);
            }
        };
    }
}
