package dev.ragworkbench.ui.experiments;

import dev.ragworkbench.experiment.store.Run;

import java.util.Map;

/**
 * One row of the history table: a run, or (when grouped by experiment) the header of an experiment's group.
 *
 * @param run      the run; null for a group header
 * @param group    the experiment a header stands for, with how many of its runs match; null for a run
 * @param baseline whether this run is its experiment's marked baseline
 * @param deltas   metric → this run's value minus its experiment's baseline's; empty with no baseline
 */
public record HistoryRow(Run run, String group, long groupSize, boolean baseline, Map<String, Double> deltas) {

    public HistoryRow {
        deltas = Map.copyOf(deltas);
    }

    static HistoryRow header(String experiment, long size) {
        return new HistoryRow(null, experiment, size, false, Map.of());
    }

    public boolean isGroup() {
        return run == null;
    }
}
