package dev.ragworkbench.experiment.store;

import java.util.List;

/**
 * One page of the history.
 *
 * @param total how many runs match the filter in all
 */
public record RunPage(List<Run> runs, long total, int offset) {

    public RunPage {
        runs = List.copyOf(runs);
    }

    /** Whether runs follow this page. */
    public boolean hasMore() {
        return offset + runs.size() < total;
    }
}
