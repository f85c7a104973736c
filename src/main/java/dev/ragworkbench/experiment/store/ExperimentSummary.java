package dev.ragworkbench.experiment.store;

import java.time.Instant;

/**
 * An experiment as {@code experiments list} and the history's groups show it.
 *
 * @param runs      how many runs it has in all, of which {@code finished} and {@code failed} ended so
 * @param lastStart when its newest run started; null when it has none (its runs were deleted)
 */
public record ExperimentSummary(long id, String name, long executions, long runs, long finished, long failed,
                                Instant lastStart) {
}
