package dev.ragworkbench.experiment.store;

import java.time.Instant;

/**
 * A cheap fingerprint of the whole history: it changes when any process starts, writes to, ends or deletes a run
 * (or names a baseline), so a view polls this instead of re-reading its page. Two equal stamps mean nothing it
 * shows changed.
 */
public record HistoryStamp(long runs, Instant lastWrite, long baselines, Instant lastBaseline) {
}
