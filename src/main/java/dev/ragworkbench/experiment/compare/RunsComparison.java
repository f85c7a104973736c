package dev.ragworkbench.experiment.compare;

import dev.ragworkbench.evaluation.Comparison;
import dev.ragworkbench.evaluation.ComparisonService;
import dev.ragworkbench.evaluation.MetricComparison;
import dev.ragworkbench.experiment.store.Run;
import dev.ragworkbench.experiment.store.RunStore;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Two or more runs side by side: their params, and per metric every run against the first, each number from the
 * {@link ComparisonService} ({@code runs compare}'s and the reports'), so the pane and the command line agree.
 *
 * @param runs    the runs, the first being the one the others are compared with
 * @param toFirst for every run after the first, in order, its comparison with the first (A = the first run)
 * @param params  every param key any run has, in a stable order (the first run's order, then the others' new ones)
 * @param metrics the metrics every run has per-query values of, sorted by name
 */
public record RunsComparison(List<Run> runs, List<Comparison> toFirst, List<ParamRow> params, List<String> metrics) {

    public RunsComparison {
        runs = List.copyOf(runs);
        toFirst = List.copyOf(toFirst);
        params = List.copyOf(params);
        metrics = List.copyOf(metrics);
        if (runs.size() < 2) {
            throw new IllegalArgumentException("a comparison needs two or more runs, not " + runs.size());
        }
    }

    /** One param across the runs; a run without it shows null. */
    public record ParamRow(String key, List<String> values) {
        public ParamRow {
            Objects.requireNonNull(key, "key");
            values = java.util.Collections.unmodifiableList(new ArrayList<>(values));
        }

        /** Whether the runs disagree on it (one lacking it counts as different). */
        public boolean differs() {
            return new java.util.HashSet<>(values).size() > 1;
        }
    }

    /** Reads the runs and compares every later one with the first. */
    public static RunsComparison of(RunStore store, ComparisonService service, List<String> runIds) {
        var ids = List.copyOf(new LinkedHashSet<>(runIds));
        if (ids.size() < 2) {
            throw new IllegalArgumentException("choose two or more different runs to compare, not " + ids.size());
        }
        var runs = ids.stream().map(store::run).toList();
        var toFirst = ids.subList(1, ids.size()).stream().map(id -> service.compare(ids.getFirst(), id)).toList();
        var keys = new LinkedHashSet<String>();
        runs.forEach(r -> keys.addAll(r.params().keySet()));
        var params = keys.stream().map(k -> new ParamRow(k, runs.stream().map(r -> r.params().get(k)).toList()))
                .toList();
        var metrics = new TreeSet<>(toFirst.getFirst().metrics().keySet());
        toFirst.forEach(c -> metrics.retainAll(c.metrics().keySet()));
        return new RunsComparison(runs, toFirst, params, List.copyOf(metrics));
    }

    /** The params the runs disagree on. */
    public List<ParamRow> differences() {
        return params.stream().filter(ParamRow::differs).toList();
    }

    /** Run {@code index} (≥ 1) against the first on {@code metric}. */
    public Optional<MetricComparison> against(int index, String metric) {
        if (index < 1 || index >= runs.size()) {
            return Optional.empty();
        }
        return Optional.ofNullable(toFirst.get(index - 1).metrics().get(metric));
    }

    /**
     * The run's value as the comparison counts it: the first run's mean over its queries (A's mean against the
     * second), every other run's mean over the queries it shares with the first.
     */
    public double value(int index, String metric) {
        if (index == 0) {
            return against(1, metric).map(MetricComparison::meanA).orElse(Double.NaN);
        }
        return against(index, metric).map(MetricComparison::meanB).orElse(Double.NaN);
    }

    /** The pass/fail metrics (those with flips), for choosing which flips to list. */
    public List<String> passFailMetrics() {
        return metrics.stream().filter(m -> toFirst.getFirst().metrics().get(m).flips().isPresent()).toList();
    }

    public List<String> labels() {
        return runs.stream().map(r -> r.name() == null ? r.id() : r.name()).toList();
    }
}
