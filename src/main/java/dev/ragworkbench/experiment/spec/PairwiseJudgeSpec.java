package dev.ragworkbench.experiment.spec;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A test-set spec's {@code judge: { model: NAME, pairwise: true, rubric: TEXT | rubricFile: PATH }}: after both
 * models' runs, the stored model {@code model} judges each item's pair of outputs in both orders by the rubric.
 *
 * @param model      a model stored in the workspace ({@code models add}), resolved when the spec runs
 * @param rubric     the rubric's text (the default rubric when the spec gives none)
 * @param rubricFile the file it was read from, or null when inline or default
 */
public record PairwiseJudgeSpec(String model, String rubric, Path rubricFile) {

    public PairwiseJudgeSpec {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(rubric, "rubric");
        if (model.isBlank() || rubric.isBlank()) {
            throw new IllegalArgumentException("a pairwise judge needs a model and a rubric");
        }
    }
}
