package dev.ragworkbench.experiment.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A run that ran elsewhere, recorded whole by {@link RunStore#record}: an import from another tracker, or the
 * seed of a benchmark.
 *
 * @param experimentId its experiment, or null for a lone run
 * @param executionId  the execution of that experiment, or null
 * @param status       how it ended; not {@code running}
 * @param batch        its params, metrics, tags and the rest
 */
public record EndedRun(Long experimentId, Long executionId, String name, RunStatus status, String statusReason,
                       Instant startedAt, Instant endedAt, RunBatch batch) {

    public EndedRun {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(endedAt, "endedAt");
        Objects.requireNonNull(batch, "batch");
        if (status == RunStatus.RUNNING) {
            throw new IllegalArgumentException("a recorded run has ended; run " + name + " is marked running");
        }
        if (endedAt.isBefore(startedAt)) {
            throw new IllegalArgumentException("run " + name + " ends before it starts");
        }
    }

    /** A lone finished run. */
    public static EndedRun finished(String name, Instant startedAt, Instant endedAt, RunBatch batch) {
        return new EndedRun(null, null, name, RunStatus.FINISHED, null, startedAt, endedAt, batch);
    }
}
