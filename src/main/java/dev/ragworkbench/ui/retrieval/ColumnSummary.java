package dev.ragworkbench.ui.retrieval;

import dev.ragworkbench.evaluation.Metric;
import dev.ragworkbench.evaluation.MetricComparison;
import dev.ragworkbench.retrieval.compare.ColumnEvaluation;
import dev.ragworkbench.retrieval.compare.EvalComparison;

import java.util.List;

/** One column's line in the eval-set summary: its metrics, against the first, judged coverage and flips. */
public record ColumnSummary(int number, ColumnEvaluation evaluation, List<Metric> metrics, String flips) {

    static List<ColumnSummary> of(EvalComparison result) {
        var rows = new java.util.ArrayList<ColumnSummary>();
        for (int i = 0; i < result.columns().size(); i++) {
            String flips = result.flips(i).map(f -> f.rightToWrong().size() + " right → wrong, "
                    + f.wrongToRight().size() + " wrong → right").orElse("");
            rows.add(new ColumnSummary(i + 1, result.columns().get(i), result.metrics(), flips));
        }
        return rows;
    }

    /** Against the first column on {@code metric}; null for the first. */
    public MetricComparison vsFirst(Metric metric) {
        return evaluation.vsFirst().get(metric.toString());
    }
}
