package dev.ragworkbench.experiment.store;

import java.util.EnumSet;
import java.util.Set;

/**
 * Which runs {@link RunStore#runs(RunQuery)} lists, newest first. Build it from {@link #all()}:
 * {@code RunQuery.all().experiment(3).status(RunStatus.FINISHED).text("bm25").limit(20)}.
 *
 * @param experimentId only runs of this experiment, or null for any
 * @param statuses     only runs in one of these states; empty for any
 * @param text         case-insensitive substring of the run's name or of a param or tag key or value; null for any
 * @param limit        at most this many runs; 0 for no limit
 */
public record RunQuery(Long experimentId, Set<RunStatus> statuses, String text, int limit) {

    public RunQuery {
        statuses = statuses.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(statuses));
        if (text != null && text.isBlank()) {
            text = null;
        }
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be 0 (none) or positive but was " + limit);
        }
    }

    /** Every run, newest first. */
    public static RunQuery all() {
        return new RunQuery(null, Set.of(), null, 0);
    }

    public RunQuery experiment(Long id) {
        return new RunQuery(id, statuses, text, limit);
    }

    public RunQuery status(RunStatus first, RunStatus... more) {
        return new RunQuery(experimentId, EnumSet.of(first, more), text, limit);
    }

    public RunQuery text(String search) {
        return new RunQuery(experimentId, statuses, search, limit);
    }

    public RunQuery limit(int max) {
        return new RunQuery(experimentId, statuses, text, max);
    }
}
