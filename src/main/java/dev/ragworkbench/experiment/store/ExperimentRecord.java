package dev.ragworkbench.experiment.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A stored experiment: a named spec (YAML text) of grid axes; its runs point back to {@link #id()}.
 *
 * @param specPath where the spec was read from, or null when it did not come from a file
 */
public record ExperimentRecord(long id, String name, String specYaml, String specPath, Instant createdAt) {

    public ExperimentRecord {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(specYaml, "specYaml");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
