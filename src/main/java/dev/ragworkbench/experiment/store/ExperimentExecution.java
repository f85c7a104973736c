package dev.ragworkbench.experiment.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One execution of an experiment: the spec text as it was when it ran (a spec file changes between runs).
 *
 * @param specPath where the spec was read from, or null when it did not come from a file
 */
public record ExperimentExecution(long id, long experimentId, String specYaml, String specPath, Instant startedAt) {

    public ExperimentExecution {
        Objects.requireNonNull(specYaml, "specYaml");
        Objects.requireNonNull(startedAt, "startedAt");
    }
}
