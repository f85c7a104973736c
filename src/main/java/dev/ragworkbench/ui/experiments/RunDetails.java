package dev.ragworkbench.ui.experiments;

import dev.ragworkbench.experiment.store.ItemFailure;
import dev.ragworkbench.experiment.store.Run;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything a run's page shows, read off the FX thread at once.
 *
 * @param spec          the YAML of the execution that ran it; null for a lone run
 * @param queryMetrics  the metrics it has per-query values of
 * @param queries       one row per query, in evaluation order
 * @param artifactFiles artifact name → its file
 */
record RunDetails(Run run, boolean baseline, String spec, List<String> queryMetrics, List<QueryRow> queries,
                  List<ItemFailure> failures, Map<String, Path> artifactFiles) {

    /** One query's values of each per-query metric (absent where it has none). */
    record QueryRow(String queryId, Map<String, Double> values) {
    }
}
