package dev.ragworkbench.experiment.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A stored experiment: a spec's {@code name}, under which every {@code run} of a spec with that name is one
 * {@linkplain ExperimentExecution execution}; runs point back to {@link #id()} and their execution.
 *
 * @param createdAt  when the first execution made it
 * @param executions newest first
 */
public record ExperimentRecord(long id, String name, Instant createdAt, List<ExperimentExecution> executions) {

    public ExperimentRecord {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(createdAt, "createdAt");
        executions = List.copyOf(executions);
    }

    /** The newest execution, whose spec text is what the experiment is now. */
    public Optional<ExperimentExecution> latest() {
        return executions.stream().findFirst();
    }
}
