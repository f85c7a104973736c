package dev.ragworkbench.ui.experiments;

import dev.ragworkbench.experiment.store.ExperimentSummary;
import dev.ragworkbench.experiment.store.HistoryColumns;
import dev.ragworkbench.experiment.store.HistoryStamp;
import dev.ragworkbench.experiment.store.Run;
import dev.ragworkbench.experiment.store.RunPage;

import java.util.List;
import java.util.Map;

/**
 * What one load of the history read off the FX thread: the page, the baselines of the experiments on it, and
 * (on a full load) the columns, experiments and stamp; null parts were not read this time.
 */
record HistorySnapshot(RunPage page, Map<String, Run> baselines, HistoryColumns columns,
                       List<ExperimentSummary> experiments, HistoryStamp stamp, ColumnChoice choice) {
}
