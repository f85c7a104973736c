package dev.ragworkbench.experiment.store;

import java.util.List;

/** The param keys, metric names and tag keys that runs in the workspace have, sorted: the history's columns. */
public record HistoryColumns(List<String> params, List<String> metrics, List<String> tags) {

    public HistoryColumns {
        params = List.copyOf(params);
        metrics = List.copyOf(metrics);
        tags = List.copyOf(tags);
    }
}
