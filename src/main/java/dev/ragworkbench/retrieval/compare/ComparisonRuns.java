package dev.ragworkbench.retrieval.compare;

import dev.ragworkbench.evaluation.TrecRunFile;
import dev.ragworkbench.experiment.store.EndedRun;
import dev.ragworkbench.experiment.store.RunBatch;
import dev.ragworkbench.experiment.store.RunStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Saves an {@link EvalComparison} in the experiment history: one finished run per column, all tagged with one
 * comparison id, written in one transaction through the store's batch path (so the Experiments pane and
 * {@code runs compare} see all of them or none), then each run's TREC run file as an artifact.
 */
public final class ComparisonRuns {

    /** The tag every run of one comparison shares. */
    public static final String COMPARISON_TAG = "comparison";
    /** The tag holding a run's column number, 1 for the first. */
    public static final String COLUMN_TAG = "comparison.column";
    /** The aggregate metric recording judged coverage of the top 10. */
    public static final String JUDGED_METRIC = "judged@" + Coverage.CUTOFF;

    private ComparisonRuns() {
    }

    /**
     * @param source who ran it, e.g. {@code search} or {@code retrieval-pane} (the {@code source} tag)
     * @return the new run ids, one per column in column order
     */
    public static List<String> save(RunStore store, EvalComparison comparison, String source) {
        String id = "cmp-" + UUID.randomUUID().toString().substring(0, 8);
        var runs = new ArrayList<EndedRun>();
        for (int i = 0; i < comparison.columns().size(); i++) {
            ColumnEvaluation c = comparison.columns().get(i);
            var batch = RunBatch.builder().params(params(comparison, c)).evaluation(c.result())
                    .metric(JUDGED_METRIC, c.coverage().overall())
                    .tag(COMPARISON_TAG, id).tag(COLUMN_TAG, Integer.toString(i + 1)).tag("source", source)
                    .build();
            runs.add(EndedRun.finished(c.column().retriever() + " on " + c.index(), comparison.startedAt(),
                    comparison.endedAt(), batch));
        }
        List<String> ids = store.record(runs);
        for (int i = 0; i < ids.size(); i++) {
            attachRunFile(store, ids.get(i), comparison.columns().get(i));
        }
        return ids;
    }

    /** The params a run of one column records: what the experiment runner records for a grid point's retrieval. */
    static Map<String, String> params(EvalComparison comparison, ColumnEvaluation c) {
        var params = new LinkedHashMap<String, String>();
        params.put("index.name", c.index());
        params.put("retrieval.spec", c.column().retriever().toString());
        params.put("retrieval.kind", c.column().retriever().kind().id());
        new java.util.TreeMap<>(c.column().retriever().params()).forEach((k, v) -> params.put("retrieval." + k, v));
        params.put("retrieval.top", Integer.toString(comparison.depth()));
        if (c.column().adapter() != null) {
            params.put("embedding.adapter", c.column().adapter());
        }
        params.put("evalSet.name", comparison.evalSetName());
        params.put("evalSet.queries", Integer.toString(comparison.queryTexts().size()));
        params.put("evalSet.sha256", comparison.evalSetSha256());
        return params;
    }

    private static void attachRunFile(RunStore store, String runId, ColumnEvaluation column) {
        try {
            Path file = Files.createTempFile("run-" + runId, ".trec");
            try {
                TrecRunFile.write(column.rankings(), file);
                store.addArtifact(runId, "run.trec", file, "trec-run");
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the run file of run " + runId + ": " + e.getMessage(), e);
        }
    }

    /** {@code 2-hybrid-rrf-depth-100-k-60}: a file name for column {@code n} (1-based) of a comparison. */
    public static String slug(int n, Column column) {
        String s = (column.retriever() + (column.adapter() == null ? "" : "-adapter-" + column.adapter()))
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]+", "-")
                .replaceAll("^-+|-+$", "");
        return n + "-" + s;
    }
}
