package dev.ragworkbench.report.chart;

import dev.ragworkbench.evaluation.Comparison;
import dev.ragworkbench.evaluation.MetricComparison;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Figures of the comparison service's numbers, so the reports and the pane's Compare view draw the same bars from
 * the same {@link Comparison}s ({@code runs compare}'s). The first run is the reference: its bar is its mean and
 * the dashed line; every other run's bar is its mean over the queries both scored, and its whisker the 95 %
 * interval of that mean implied by the paired difference, A's mean + [ciLow, ciHigh] of B − A, so a whisker
 * that clears the line is a difference the bootstrap calls real.
 */
public final class ComparisonFigures {

    private ComparisonFigures() {
    }

    /**
     * @param metric    the metric's canonical name
     * @param labels    the runs' names, the first run first
     * @param firstMean the first run's mean of the metric (over all its queries)
     * @param toFirst   for every run after the first, in order, its comparison with the first (A = first run)
     */
    public static Figure bars(String metric, List<String> labels, double firstMean, List<Comparison> toFirst) {
        Objects.requireNonNull(metric, "metric");
        if (labels.isEmpty()) {
            return BarChart.figure(metric, metric, List.of(), Double.NaN);
        }
        if (toFirst.size() != labels.size() - 1) {
            throw new IllegalArgumentException(labels.size() + " runs need " + (labels.size() - 1)
                    + " comparisons with the first, not " + toFirst.size());
        }
        var bars = new ArrayList<BarChart.Bar>();
        bars.add(new BarChart.Bar(labels.getFirst(), firstMean, Double.NaN, Double.NaN, 0,
                labels.getFirst() + ": " + Plot.num(firstMean) + " (reference)"));
        for (int i = 0; i < toFirst.size(); i++) {
            String label = labels.get(i + 1);
            MetricComparison m = toFirst.get(i).metrics().get(metric);
            if (m == null) {
                bars.add(new BarChart.Bar(label, Double.NaN, Double.NaN, Double.NaN, i + 1,
                        label + ": no " + metric));
                continue;
            }
            double low = m.meanA() + m.ciLow();
            double high = m.meanA() + m.ciHigh();
            String tip = String.format(Locale.ROOT, "%s: %s · Δ %s, 95 %% CI [%s, %s], p %s", label,
                    Plot.num(m.meanB()), signed(m.delta()), signed(m.ciLow()), signed(m.ciHigh()), Plot.num(m.p()));
            bars.add(new BarChart.Bar(label, m.meanB(), low, high, i + 1, tip));
        }
        return BarChart.figure(metric, metric, bars, firstMean);
    }

    static String signed(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%+.3f", v) : "n/a";
    }
}
