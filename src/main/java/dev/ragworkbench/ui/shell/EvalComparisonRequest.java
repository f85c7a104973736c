package dev.ragworkbench.ui.shell;

import dev.ragworkbench.evaluation.EvalSet;
import dev.ragworkbench.retrieval.compare.EvalComparison;

import java.util.Objects;

/**
 * Opens, in the Retrieval pane's eval-set mode, a finished eval-set comparison made elsewhere (the Models pane's
 * base against tuned): its columns become the pane's, its result is shown as if run there, over {@code set}.
 */
public record EvalComparisonRequest(EvalSet set, EvalComparison comparison) implements PageRequest {

    public EvalComparisonRequest {
        Objects.requireNonNull(set, "set");
        Objects.requireNonNull(comparison, "comparison");
    }
}
