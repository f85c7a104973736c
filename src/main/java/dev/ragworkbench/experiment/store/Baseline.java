package dev.ragworkbench.experiment.store;

import java.time.Instant;

/**
 * A named run that quality gates and the history compare against, e.g. {@code main} or {@code release-1.2}.
 *
 * @param note why this run is the baseline; may be null
 */
public record Baseline(String name, String runId, String note, Instant createdAt) {
}
