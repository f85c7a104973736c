package dev.ragworkbench.experiment.store;

import dev.ragworkbench.evaluation.EvaluationResult;
import dev.ragworkbench.evaluation.QueryResult;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;

/**
 * Everything one write adds to a run, written in one transaction (as MLflow's {@code log_batch}): a reader sees
 * all of it or none, so a run never shows means without the per-query values behind them. Values already stored
 * under the same key are replaced; per-query values are replaced metric by metric.
 *
 * @param params       flat dotted keys such as {@code chunking.kind}
 * @param metrics      aggregate values by metric name (stored under canonical names: {@code NDCG@10} → {@code ndcg@10})
 * @param queryMetrics metric → (query id → value), in evaluation order
 * @param stepMetrics  points of training curves
 * @param failures     items that could not be scored
 */
public record RunBatch(Map<String, String> params, Map<String, Double> metrics,
                       Map<String, SequencedMap<String, Double>> queryMetrics, Map<String, String> tags,
                       List<StepMetric> stepMetrics, List<ItemFailure> failures) {

    public RunBatch {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        var perQuery = new LinkedHashMap<String, SequencedMap<String, Double>>();
        queryMetrics.forEach((metric, values) -> {
            if (perQuery.put(MetricNames.canonical(metric), Collections.unmodifiableSequencedMap(
                    new LinkedHashMap<>(values))) != null) {
                throw new IllegalArgumentException("per-query values of " + metric + " given twice");
            }
        });
        queryMetrics = Collections.unmodifiableMap(perQuery);
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        stepMetrics = List.copyOf(stepMetrics);
        failures = List.copyOf(failures);
        StoreChecks.checkEntries(params, "param");
        StoreChecks.checkEntries(tags, "tag");
        StoreChecks.checkMetrics(metrics);
        queryMetrics.values().forEach(StoreChecks::checkMetrics);
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean isEmpty() {
        return params.isEmpty() && metrics.isEmpty() && queryMetrics.isEmpty() && tags.isEmpty()
               && stepMetrics.isEmpty() && failures.isEmpty();
    }

    /** Collects a batch; {@link #build()} checks it. */
    public static final class Builder {
        private final Map<String, String> params = new LinkedHashMap<>();
        private final Map<String, Double> metrics = new LinkedHashMap<>();
        private final Map<String, SequencedMap<String, Double>> queryMetrics = new LinkedHashMap<>();
        private final Map<String, String> tags = new LinkedHashMap<>();
        private final List<StepMetric> steps = new ArrayList<>();
        private final List<ItemFailure> failures = new ArrayList<>();

        private Builder() {
        }

        public Builder param(String key, String value) {
            params.put(key, value);
            return this;
        }

        public Builder params(Map<String, String> more) {
            params.putAll(more);
            return this;
        }

        public Builder metric(String name, double value) {
            metrics.put(name, value);
            return this;
        }

        public Builder metrics(Map<String, Double> more) {
            metrics.putAll(more);
            return this;
        }

        /** One metric's per-query values (query id → value, in evaluation order). */
        public Builder queryMetrics(String metric, SequencedMap<String, Double> valuesByQuery) {
            queryMetrics.put(metric, valuesByQuery);
            return this;
        }

        /** Per-query values of every metric in {@code perQuery}, regrouped by metric in query order. */
        public Builder queryResults(List<QueryResult> perQuery) {
            for (QueryResult q : perQuery) {
                q.values().forEach((metric, value) -> {
                    var values = queryMetrics.computeIfAbsent(metric.toString(), k -> new LinkedHashMap<>());
                    if (values.put(q.queryId(), value) != null) {
                        throw new IllegalArgumentException("query " + q.queryId() + " appears twice for " + metric);
                    }
                });
            }
            return this;
        }

        /** An evaluation's means and its per-query values. */
        public Builder evaluation(EvaluationResult result) {
            result.aggregate().means().forEach((metric, mean) -> metrics.put(metric.toString(), mean));
            return queryResults(result.perQuery());
        }

        public Builder tag(String key, String value) {
            tags.put(key, value);
            return this;
        }

        public Builder tags(Map<String, String> more) {
            tags.putAll(more);
            return this;
        }

        public Builder step(String metric, long step, double value) {
            steps.add(new StepMetric(metric, step, value));
            return this;
        }

        public Builder failure(ItemFailure failure) {
            failures.add(failure);
            return this;
        }

        public RunBatch build() {
            return new RunBatch(params, metrics, queryMetrics, tags, steps, failures);
        }
    }
}
