package dev.ragworkbench.experiment.store;

import dev.ragworkbench.evaluation.Metric;

import java.util.Optional;

/**
 * Metric names as stored: ranking metrics in their canonical form ({@code NDCG@10} and {@code ndcg_cut.10} both
 * become {@code ndcg@10}, so one metric has one name everywhere); any other name (say {@code latency_ms}) as given.
 */
final class MetricNames {

    private MetricNames() {
    }

    static String canonical(String name) {
        String stripped = name.strip();
        return parse(stripped).map(Metric::toString).orElse(stripped);
    }

    static Optional<Metric> parse(String name) {
        try {
            return Optional.of(Metric.parse(name));
        } catch (IllegalArgumentException notARankingMetric) {
            return Optional.empty();
        }
    }
}
