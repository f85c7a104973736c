package dev.ragworkbench.ui.shell;

import java.util.Objects;

/** Opens one run (its params, metrics and per-query results) in the Experiments pane. */
public record RunRequest(String runId) implements PageRequest {

    public RunRequest {
        Objects.requireNonNull(runId, "runId");
    }
}
