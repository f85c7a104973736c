package dev.ragworkbench.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ragworkbench.evaluation.EvalSet;
import dev.ragworkbench.evaluation.EvaluationResult;
import dev.ragworkbench.evaluation.Evaluator;
import dev.ragworkbench.evaluation.Rankings;
import dev.ragworkbench.evaluation.ScoredDoc;
import dev.ragworkbench.evaluation.TrecRunFile;
import dev.ragworkbench.experiment.spec.ExperimentSpec;
import dev.ragworkbench.experiment.spec.GridPoint;
import dev.ragworkbench.experiment.store.ArtifactRepository;
import dev.ragworkbench.experiment.store.ExperimentExecution;
import dev.ragworkbench.experiment.store.Run;
import dev.ragworkbench.experiment.store.RunStore;
import dev.ragworkbench.index.ChunkIndex;
import dev.ragworkbench.index.IndexInfo;
import dev.ragworkbench.progress.Cancellation;
import dev.ragworkbench.progress.CancelledException;
import dev.ragworkbench.progress.ProgressListener;
import dev.ragworkbench.retrieval.DocumentRanking;
import dev.ragworkbench.retrieval.Retriever;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Executes an experiment: imports its corpus, builds (or reuses) one index per chunker × embedder, and runs
 * every grid point over the eval set, recording each as a run as it goes; with a {@code models} axis every point
 * once per model, each answering the queries from the point's top chunks ({@link AnswerRuns}). A run is written
 * when it starts and its results when they are known, so stopping midway loses no finished run.
 */
public final class ExperimentRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ExperimentRunner.class);

    /**
     * What the progress stage of one model's answers at a point starts with ({@code answers · MODEL}), beside
     * {@code search} (a point's queries) and {@code runs} (runs done of the grid's points × models).
     */
    public static final String ANSWERS_STAGE = "answers · ";

    private final ExperimentResources resources;
    private final RunStore store;

    public ExperimentRunner(ExperimentResources resources, RunStore store) {
        this.resources = resources;
        this.store = store;
    }

    /**
     * Overrides from the command line: a smaller query sample for quick iterations, where to copy run files, and
     * whether the models (of a spec with answers) are asked again instead of answering from the call cache.
     */
    public record Options(Integer sample, Long seed, Path trecDir, boolean fresh) {
        public Options(Integer sample, Long seed, Path trecDir) {
            this(sample, seed, trecDir, false);
        }

        public static Options none() {
            return new Options(null, null, null);
        }
    }

    /**
     * One finished run: a grid point, and with answers one model at that point.
     *
     * @param result      the retrieval evaluation
     * @param items       each answered query's record (empty without answers)
     * @param judgeFailed judge metric → items it could not score (empty without a judge)
     */
    public record Outcome(GridPoint point, Run run, EvaluationResult result, List<ItemRecord> items,
                          Map<String, Integer> judgeFailed) {
        public Outcome {
            items = List.copyOf(items);
            judgeFailed = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(judgeFailed));
        }

        public Outcome(GridPoint point, Run run, EvaluationResult result) {
            this(point, run, result, List.of(), Map.of());
        }

        /** Whether a model answered the queries in this run. */
        public boolean answered() {
            return run.params().containsKey("model.name");
        }

        public int failedItems() {
            return (int) items.stream().filter(ItemRecord::failed).count();
        }
    }

    /**
     * Runs every point; with answers, every point once per model ({@link AnswerRuns}). A stored model the
     * workspace lacks is an {@link IllegalArgumentException} at the spec's line, before anything is imported or
     * recorded.
     */
    public List<Outcome> run(ExperimentSpec spec, Options options, ProgressListener progress, Cancellation cancel)
            throws IOException {
        if (spec.answers().isEmpty()) {
            return run(spec, options, null, progress, cancel);
        }
        try (AnswerRuns answers = AnswerRuns.open(resources, store, spec, options.fresh())) {
            return run(spec, options, answers, progress, cancel);
        }
    }

    private List<Outcome> run(ExperimentSpec spec, Options options, AnswerRuns answers, ProgressListener progress,
                              Cancellation cancel) throws IOException {
        var imported = resources.importCorpus(spec.corpus().path(), spec.corpus().format(), null, progress, cancel);
        EvalSet evalSet = evalSet(spec, options, imported.corpus());
        if (answers != null) {
            AnswerRuns.requireReferences(evalSet);
        }
        boolean corpusChanged = imported.added() + imported.updated() > 0;
        var execution = store.startExecution(spec.name(), spec.yaml(), spec.source() == null ? null : spec.source().toString());
        var points = spec.expand();
        var outcomes = new ArrayList<Outcome>();
        var built = new LinkedHashMap<String, IndexInfo>();
        for (GridPoint point : points) {
            cancel.check();
            String request = point.chunker() + " × " + point.baseEmbedder();
            IndexInfo info = built.get(request);
            if (info == null) {
                info = resources.ensureIndex(imported.corpus(), point.chunker(), point.baseEmbedder(), corpusChanged, progress,
                        cancel);
                built.put(request, info);
            }
            if (answers != null) {
                outcomes.addAll(answers.runPoint(this, execution, point, evalSet, info, options, progress, cancel));
            } else {
                outcomes.add(runPoint(execution, spec, point, evalSet, info, options, progress, cancel));
            }
            progress.progress("runs", outcomes.size(), (long) points.size() * (answers == null ? 1 : answers.models()));
        }
        return outcomes;
    }

    private EvalSet evalSet(ExperimentSpec spec, Options options, String corpus) throws IOException {
        EvalSet set = spec.loadEvalSet(() -> resources.documentTexts(corpus), resources::storedEvalSet);
        if (options.sample() != null && options.sample() < set.size()) {
            long seed = options.seed() != null ? options.seed()
                    : spec.sample().map(ExperimentSpec.Sample::seed).orElse(ExperimentSpec.DEFAULT_SEED);
            set = set.sample(options.sample(), seed);
        }
        return set;
    }

    private Outcome runPoint(ExperimentExecution execution, ExperimentSpec spec, GridPoint point, EvalSet evalSet, IndexInfo info,
                             Options options, ProgressListener progress, Cancellation cancel) throws IOException {
        var run = store.startRunOf(execution, point.name(), params(point, info, evalSet), spec.tags());
        try (ChunkIndex index = resources.openIndex(info.name())) {
            Retriever retriever = resources.retriever(index, point.retriever(), point.adapter().orElse(null));
            long t0 = System.nanoTime();
            Rankings ranking = search(retriever, evalSet, point.inputs().top(), info.chunks(), run.id(), progress, cancel);
            long t1 = System.nanoTime();
            EvaluationResult result = Evaluator.evaluate(ranking, evalSet, spec.metrics());
            long t2 = System.nanoTime();
            store.logEvaluation(run.id(), result);
            long t3 = System.nanoTime();
            saveArtifacts(run.id(), ranking, result, options.trecDir());
            long t4 = System.nanoTime();
            LOG.info("run {} ({}): search {} ms, evaluate {} ms, store {} ms, artifacts {} ms", run.id(), point.name(),
                    (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000, (t4 - t3) / 1_000_000);
            return new Outcome(point, store.finish(run.id()), result);
        } catch (CancelledException e) {
            store.cancel(run.id());
            throw e;
        } catch (RuntimeException | IOException e) {
            store.fail(run.id(), e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            throw e;
        }
    }

    /** A point's run params: its settings, the index that served it, and the eval set scored. */
    static Map<String, String> params(GridPoint point, IndexInfo info, EvalSet evalSet) {
        var params = new LinkedHashMap<>(point.params());
        params.put("index.name", info.name());
        params.put("evalSet.queries", Integer.toString(evalSet.size()));
        params.put("evalSet.sha256", evalSet.sha256());
        return params;
    }

    /** Every query, on both cores: retrievers are thread-safe and queries independent. */
    static Rankings search(Retriever retriever, EvalSet evalSet, int top, int chunks, String runId,
                              ProgressListener progress, Cancellation cancel) {
        var queries = new ArrayList<>(evalSet.queries().entrySet());
        var done = new java.util.concurrent.atomic.AtomicInteger();
        List<List<ScoredDoc>> rankings = IntStream.range(0, queries.size()).parallel().mapToObj(i -> {
            cancel.check();
            var hits = DocumentRanking.topDocuments(retriever, queries.get(i).getValue(), top, chunks);
            progress.progress("search", done.incrementAndGet(), queries.size());
            return hits.stream().map(h -> new ScoredDoc(h.documentId(), h.score())).toList();
        }).toList();
        var run = Rankings.builder(runId);
        for (int i = 0; i < queries.size(); i++) {
            run.add(queries.get(i).getKey(), rankings.get(i));
        }
        return run.build();
    }

    /** {@code run.trec} (copied to {@code trecDir} too, when given) and {@code per-query.json}. */
    void saveArtifacts(String runId, Rankings ranking, EvaluationResult result, Path trecDir) throws IOException {
        Path dir = Files.createTempDirectory("run-" + runId);
        try {
            Path trec = dir.resolve("run.trec");
            TrecRunFile.write(ranking, trec);
            if (trecDir != null) {
                Files.createDirectories(trecDir);
                Files.copy(trec, trecDir.resolve(runId + ".trec"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            store.addArtifact(runId, "run.trec", trec, "trec-run", ArtifactRepository.Transfer.MOVE);
            Path perQuery = dir.resolve("per-query.json");
            new ObjectMapper().writeValue(perQuery.toFile(), perQueryJson(result));
            store.addArtifact(runId, "per-query.json", perQuery, "per-query-json", ArtifactRepository.Transfer.MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the artifacts of run " + runId + ": " + e.getMessage(), e);
        } finally {
            try (var left = Files.list(dir)) {
                for (Path p : left.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    private static Map<String, Object> perQueryJson(EvaluationResult result) {
        var queries = new LinkedHashMap<String, Object>();
        for (var q : result.perQuery()) {
            var values = new LinkedHashMap<String, Double>();
            q.values().forEach((metric, value) -> values.put(metric.toString(), value));
            queries.put(q.queryId(), values);
        }
        return Map.of("run", result.runName(), "queries", queries);
    }
}
