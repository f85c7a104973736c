package dev.ragworkbench.experiment.store;

import dev.ragworkbench.evaluation.Comparison;
import dev.ragworkbench.evaluation.Metric;
import dev.ragworkbench.evaluation.PairedComparison;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.TreeSet;

/**
 * Two stored runs paired by query for {@link RunStore#compare}. The comparison service of the {@code compare}
 * track replaces this; it stays until that lands.
 */
final class RunPairing {

    private final RunReader reader;

    RunPairing(RunReader reader) {
        this.reader = reader;
    }

    /**
     * Run B against run A on every metric both have per-query values of (sorted by name), from the stored values,
     * paired by query id. Metrics that are not ranking metrics ({@link Metric#parse} rejects them) are skipped.
     *
     * @throws IllegalArgumentException when the runs have values for different queries of a shared metric
     */
    List<Comparison> compare(String runIdA, String runIdB, PairedComparison.Options options) {
        reader.run(runIdA);
        reader.run(runIdB);
        var shared = new TreeSet<>(reader.queryMetricNames(runIdA));
        shared.retainAll(reader.queryMetricNames(runIdB));
        var comparisons = new ArrayList<Comparison>();
        for (String name : shared) {
            Optional<Metric> metric = MetricNames.parse(name);
            if (metric.isEmpty()) {
                continue;
            }
            SequencedMap<String, Double> a = reader.queryMetrics(runIdA, name);
            SequencedMap<String, Double> b = reader.queryMetrics(runIdB, name);
            if (!a.keySet().equals(b.keySet())) {
                throw new IllegalArgumentException("runs " + runIdA + " and " + runIdB + " have " + name
                        + " for different queries (" + a.size() + " vs " + b.size()
                        + "); compare runs evaluated on the same queries");
            }
            double[] valuesA = new double[a.size()];
            double[] valuesB = new double[a.size()];
            int i = 0;
            for (var e : a.entrySet()) {
                valuesA[i] = e.getValue();
                valuesB[i] = b.get(e.getKey());
                i++;
            }
            comparisons.add(PairedComparison.compare(metric.get(), valuesA, valuesB, options));
        }
        return comparisons;
    }
}
