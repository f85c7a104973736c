package dev.ragworkbench.evaluation;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * What the workbench knows about one metric name, as {@link MetricRegistry#lookup} answers it.
 *
 * @param name       canonical name: {@code ndcg@10} for any spelling of it, a registered name in lower case, a
 *                   free name as given (stripped)
 * @param type       how values are compared
 * @param needs      what computing it takes; empty for a free metric (it was computed elsewhere)
 * @param ranking    the trec_eval computation of a {@code kind@k} name, or null for every other name
 * @param registered false for a free metric such as {@code latency_ms}: stored and compared, but unknown here
 */
public record MetricInfo(String name, MetricType type, Set<MetricNeed> needs, Metric ranking, boolean registered) {

    public MetricInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        needs = Set.copyOf(needs);
        if (!registered && ranking != null) {
            throw new IllegalArgumentException("a ranking metric is always registered: " + name);
        }
    }

    static MetricInfo free(String name) {
        return new MetricInfo(name, MetricType.SCORE, Set.of(), null, false);
    }

    static MetricInfo of(Metric ranking) {
        return new MetricInfo(ranking.toString(), ranking.type(), Set.of(MetricNeed.QRELS), ranking, true);
    }

    public boolean passFail() {
        return type == MetricType.PASS_FAIL;
    }

    /** The cut-off of a {@code kind@k} metric. */
    public OptionalInt cutOff() {
        return ranking == null ? OptionalInt.empty() : OptionalInt.of(ranking.k());
    }

    public Optional<Metric> rankingMetric() {
        return Optional.ofNullable(ranking);
    }
}
