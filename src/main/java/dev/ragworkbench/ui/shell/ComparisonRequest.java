package dev.ragworkbench.ui.shell;

import java.util.Objects;

/** Opens, in the Experiments pane, the comparison of run {@code runB} against run {@code runA} (B − A). */
public record ComparisonRequest(String runA, String runB) implements PageRequest {

    public ComparisonRequest {
        Objects.requireNonNull(runA, "runA");
        Objects.requireNonNull(runB, "runB");
    }
}
