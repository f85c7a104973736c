package dev.ragworkbench.experiment.store;

import java.util.List;
import java.util.Objects;

/**
 * A page of the run history: the runs matching {@code filter}, in {@code sort} order (then newest first), from
 * {@code offset}, at most {@code limit} of them (0 for all).
 */
public record HistoryQuery(RunFilter filter, List<RunSort> sort, int offset, int limit) {

    public HistoryQuery {
        Objects.requireNonNull(filter, "filter");
        sort = List.copyOf(sort);
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit must not be negative (were " + offset + ", " + limit + ")");
        }
    }

    /** Every run, newest first. */
    public static HistoryQuery all() {
        return new HistoryQuery(RunFilter.everything(), List.of(), 0, 0);
    }

    public HistoryQuery where(RunFilter f) {
        return new HistoryQuery(f, sort, offset, limit);
    }

    public HistoryQuery orderBy(RunSort... keys) {
        return new HistoryQuery(filter, List.of(keys), offset, limit);
    }

    public HistoryQuery page(int from, int max) {
        return new HistoryQuery(filter, sort, from, max);
    }
}
