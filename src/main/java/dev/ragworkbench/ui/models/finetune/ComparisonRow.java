package dev.ragworkbench.ui.models.finetune;

import dev.ragworkbench.evaluation.MetricComparison;
import dev.ragworkbench.retrieval.compare.ColumnEvaluation;
import dev.ragworkbench.retrieval.compare.EvalComparison;

import java.util.ArrayList;
import java.util.List;

/**
 * One column of the base-against-tuned comparison: its nDCG@10 and recall@100, and for the tuned one the paired
 * difference on nDCG@10 with its 95 % CI and p, and the success@10 flips (as the comparison service computed them).
 *
 * @param vsBase null for the base column
 */
public record ComparisonRow(String column, double ndcg10, double recall100, MetricComparison vsBase, String flips) {

    static List<ComparisonRow> of(EvalComparison comparison) {
        var rows = new ArrayList<ComparisonRow>();
        for (int i = 0; i < comparison.columns().size(); i++) {
            ColumnEvaluation c = comparison.columns().get(i);
            String flips = comparison.flips(i).map(f -> f.rightToWrong().size() + " right→wrong, "
                    + f.wrongToRight().size() + " wrong→right").orElse("");
            String kind = c.column().retriever().kind().id();
            // the run id is in the status line and the Retrieval pane: here it only cut the other columns
            String name = c.column().adapter() == null ? "base (" + kind + ")" : "tuned (" + kind + " + adapter)";
            rows.add(new ComparisonRow(name, c.mean(FineTuneViewModel.NDCG10),
                    c.mean(FineTuneViewModel.METRICS.get(1)), c.vsFirst().get(FineTuneViewModel.NDCG10.toString()),
                    flips));
        }
        return rows;
    }
}
