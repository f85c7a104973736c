package dev.ragworkbench.experiment;

import dev.ragworkbench.embedding.Embedder;
import dev.ragworkbench.embedding.adapter.AdapterData;
import dev.ragworkbench.embedding.adapter.AdapterTrainer;
import dev.ragworkbench.embedding.adapter.ChunkVectors;
import dev.ragworkbench.embedding.adapter.LinearAdapter;
import dev.ragworkbench.embedding.adapter.TrainingListener;
import dev.ragworkbench.embedding.adapter.TrainingOptions;
import dev.ragworkbench.embedding.adapter.TrainingPair;
import dev.ragworkbench.evaluation.EvalSet;
import dev.ragworkbench.experiment.store.ArtifactRepository;
import dev.ragworkbench.experiment.store.HistoryQuery;
import dev.ragworkbench.experiment.store.Run;
import dev.ragworkbench.experiment.store.RunFilter;
import dev.ragworkbench.experiment.store.RunBatch;
import dev.ragworkbench.experiment.store.RunStore;
import dev.ragworkbench.index.ChunkIndex;
import dev.ragworkbench.progress.Cancellation;
import dev.ragworkbench.progress.CancelledException;
import dev.ragworkbench.progress.ProgressListener;
import dev.ragworkbench.retrieval.Retriever;
import dev.ragworkbench.retrieval.RetrieverKind;
import dev.ragworkbench.retrieval.RetrieverSpec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains an embedding adapter on an eval set over an index and records it as a run of the experiment history:
 * its params, the loss and validation curves as step metrics (written as they come, so a window or a poller can
 * draw them live), and the adapter as the artifact {@value #ARTIFACT}. A cancelled or failed training leaves a
 * run marked so, with no adapter.
 */
public final class FineTuning {

    public static final String ARTIFACT = "adapter.bin";
    public static final String ARTIFACT_KIND = "embedding-adapter";
    public static final String DEFAULT_EXPERIMENT = "finetune";
    public static final String LOSS = "train_loss";
    public static final String VALIDATION = "val_ndcg@10";

    private final ExperimentResources resources;
    private final RunStore store;

    public FineTuning(ExperimentResources resources, RunStore store) {
        this.resources = resources;
        this.store = store;
    }

    /** What to train: over which index, on which eval set (split again into train and validation), how. */
    public record Request(String index, EvalSet evalSet, TrainingOptions options, String experiment) {
        public Request {
            experiment = experiment == null ? DEFAULT_EXPERIMENT : experiment;
        }
    }

    public record Outcome(String runId, AdapterTrainer.Result result, int trainQueries, int validationQueries,
                          int pairs, long trainingMillis) {
    }

    public Outcome train(Request request, TrainingListener listener, ProgressListener progress, Cancellation cancel) {
        TrainingOptions o = request.options();
        try (ChunkIndex index = resources.openIndex(request.index())) {
            String embedderName = index.settings().embedder();
            if (!index.settings().hasVectors()) {
                throw new IllegalArgumentException("index '" + request.index() + "' has no embedder: an adapter is "
                        + "trained on an index built with one");
            }
            EvalSet.Split split = request.evalSet().split(o.validationShare(), o.seed());
            EvalSet validation = split.first();
            EvalSet train = split.second();
            if (validation.size() == 0 || train.size() == 0) {
                throw new IllegalArgumentException("eval set '" + request.evalSet().name() + "' has "
                        + request.evalSet().size() + " queries: too few to split into training and validation");
            }
            var params = params(request, index, embedderName, train, validation);
            var execution = store.startExecution(request.experiment(), asSpec(params), null);
            var run = store.startRunOf(execution, "adapter " + embedderName + " on " + request.evalSet().name(),
                    params, Map.of("kind", "adapter"));
            try {
                return trainInto(run.id(), request, index, embedderName, train, validation, listener, progress, cancel);
            } catch (CancelledException e) {
                store.cancel(run.id());
                throw e;
            } catch (RuntimeException e) {
                store.fail(run.id(), e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
                throw e;
            }
        }
    }

    private Outcome trainInto(String runId, Request request, ChunkIndex index, String embedderName, EvalSet train,
                              EvalSet validation, TrainingListener listener, ProgressListener progress,
                              Cancellation cancel) {
        TrainingOptions o = request.options();
        Embedder embedder = resources.embedder(embedderName);
        progress.progress("read vectors", 0, 1);
        var data = new AdapterData(ChunkVectors.of(index), embedder);
        progress.progress("embed queries", 0, request.evalSet().size());
        var trainVectors = data.queryVectors(train, cancel);
        var validationVectors = data.queryVectors(validation, cancel);
        Retriever bm25 = o.negatives() == TrainingOptions.Negatives.BM25
                ? resources.retriever(index, RetrieverSpec.of(RetrieverKind.BM25)) : null;
        List<TrainingPair> pairs = data.pairs(train, trainVectors, bm25, cancel);
        if (pairs.size() < 2) {
            throw new IllegalArgumentException("eval set '" + request.evalSet().name() + "' gives " + pairs.size()
                    + " (query, relevant chunk) pairs over index '" + request.index() + "': its judged documents are "
                    + "not in the index, or too few are judged");
        }
        var recording = new RecordingListener(runId, listener);
        long t0 = System.nanoTime();
        var result = new AdapterTrainer(o).train(pairs, data.validation(validation, validationVectors), recording,
                cancel);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        recording.flush();
        saveAdapter(runId, result.adapter());
        store.log(runId, RunBatch.builder()
                .metric(VALIDATION, result.bestValidation())
                .metric(VALIDATION + ".base", result.baseValidation())
                .metric("best_epoch", result.bestEpoch())
                .metric("epochs_run", result.epochsRun())
                .metric("training_seconds", millis / 1000.0)
                .param("adapter.sha256", result.adapter().sha256())
                .build());
        store.finish(runId);
        return new Outcome(runId, result, train.size(), validation.size(), pairs.size(), millis);
    }

    private static Map<String, String> params(Request request, ChunkIndex index, String embedder, EvalSet train,
                                              EvalSet validation) {
        TrainingOptions o = request.options();
        var p = new LinkedHashMap<String, String>();
        p.put("embedding.model", embedder);
        p.put("index.name", index.settings().name());
        p.put("evalSet.name", request.evalSet().name());
        p.put("evalSet.sha256", request.evalSet().sha256());
        p.put("adapter.kind", "linear-query");
        p.put("train.loss", "multiple-negatives-ranking");
        p.put("train.scale", Double.toString(o.scale()));
        p.put("train.negatives", o.negatives().id());
        p.put("train.lr", Double.toString(o.learningRate()));
        p.put("train.epochs", Integer.toString(o.epochs()));
        p.put("train.batch", Integer.toString(o.batchSize()));
        p.put("train.patience", Integer.toString(o.patience()));
        p.put("train.seed", Long.toString(o.seed()));
        p.put("train.validationShare", Double.toString(o.validationShare()));
        p.put("train.queries", Integer.toString(train.size()));
        p.put("validation.queries", Integer.toString(validation.size()));
        return p;
    }

    /** The training's settings as the execution's spec text: what the history shows as "the spec that produced it". */
    private static String asSpec(Map<String, String> params) {
        var yaml = new StringBuilder("# finetune: an embedding adapter, as the finetune command or the Models pane ran it\n");
        params.forEach((k, v) -> yaml.append(k).append(": '").append(v.replace("'", "''")).append("'\n"));
        return yaml.toString();
    }

    private void saveAdapter(String runId, LinearAdapter adapter) {
        try {
            Path tmp = Files.createTempFile("adapter-" + runId, ".bin");
            adapter.write(tmp);
            store.addArtifact(runId, ARTIFACT, tmp, ARTIFACT_KIND, ArtifactRepository.Transfer.MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the adapter of run " + runId + ": " + e.getMessage(), e);
        }
    }

    /** A trained adapter as a run holds it: the run, the embedder it was trained on, the weights. */
    public record TrainedAdapter(String runId, String embedder, LinearAdapter adapter) {
    }

    /**
     * The adapter run {@code runId} made. Refused when the run is not a finished adapter run, or when
     * {@code embedder} (the index's) is not the one it was trained on.
     */
    public TrainedAdapter adapter(String runId, String embedder) {
        var run = store.find(runId).orElseThrow(() -> new IllegalArgumentException("no run " + runId
                + " in this workspace; 'runs list --filter \"tags.kind = adapter\"' lists the adapters"));
        var artifact = run.artifacts().stream().filter(a -> a.name().equals(ARTIFACT)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("run " + runId + " (" + run.name() + ") holds no "
                        + "adapter: it is not a finished 'finetune' run"));
        String trainedOn = run.params().get("embedding.model");
        if (embedder != null && !embedder.equals(trainedOn)) {
            throw new IllegalArgumentException("adapter " + runId + " was trained on " + trainedOn
                    + " vectors; this index holds " + embedder + " vectors");
        }
        try {
            return new TrainedAdapter(runId, trainedOn, LinearAdapter.read(store.file(artifact)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the adapter of run " + runId + ": " + e.getMessage(), e);
        }
    }

    /**
     * A finished adapter run as the panes' embedder choices list it.
     *
     * @param validation its best validation nDCG@10, NaN if not recorded
     */
    public record AdapterSummary(String runId, String embedder, String index, String evalSet, double validation,
                                 Instant startedAt) {
    }

    /**
     * The workspace's finished adapter runs trained on {@code embedder}'s vectors (every embedder's when null),
     * newest first: what can go on an index of that embedder.
     */
    public List<AdapterSummary> adapters(String embedder) {
        RunFilter filter = RunFilter.and(RunFilter.where("tags.kind", "=", "adapter"),
                RunFilter.where("status", "=", "finished"));
        if (embedder != null) {
            filter = RunFilter.and(filter, RunFilter.where("params.embedding.model", "=", embedder));
        }
        return store.search(HistoryQuery.all().where(filter)).runs().stream().map(FineTuning::summary).toList();
    }

    private static AdapterSummary summary(Run r) {
        return new AdapterSummary(r.id(), r.params().get("embedding.model"), r.params().get("index.name"),
                r.params().get("evalSet.name"), r.metrics().getOrDefault(VALIDATION, Double.NaN), r.startedAt());
    }

    /**
     * The queries a tuned embedder is measured on, never trained on.
     *
     * @param separate true for a stored test split; false for the validation share held out of training (which
     *                 early stopping has seen, so a gain on it reads optimistic)
     */
    public record HeldOut(EvalSet set, boolean separate) {
    }

    /**
     * Where to measure an adapter trained on {@code trainedOn} with {@code options}: the stored set of the same
     * name with {@code /test} for {@code /train} or {@code /dev} (BEIR's splits, as imported), without any query
     * trained on; else the validation queries of the training's own split.
     */
    public static HeldOut heldOut(EvalSet trainedOn, Collection<EvalSet> stored, TrainingOptions options) {
        String name = trainedOn.name();
        int slash = name.lastIndexOf('/');
        String split = slash < 0 ? "" : name.substring(slash + 1);
        if (split.equals("train") || split.equals("dev")) {
            String testName = name.substring(0, slash) + "/test";
            for (EvalSet s : stored) {
                if (s.name().equals(testName)) {
                    var keep = new LinkedHashMap<String, String>();
                    s.queries().forEach((id, text) -> {
                        if (!trainedOn.queries().containsKey(id) && s.qrels().relevantCount(id) > 0) {
                            keep.put(id, text);
                        }
                    });
                    if (!keep.isEmpty()) {
                        return new HeldOut(new EvalSet(testName, keep, s.qrels().restrictTo(keep.keySet())), true);
                    }
                }
            }
        }
        return new HeldOut(trainedOn.split(options.validationShare(), options.seed()).first(), false);
    }

    /** Writes the curves to the run as they come (every epoch), and passes them on. */
    private final class RecordingListener implements TrainingListener {
        private final String runId;
        private final TrainingListener next;
        private RunBatch.Builder pending = RunBatch.builder();

        RecordingListener(String runId, TrainingListener next) {
            this.runId = runId;
            this.next = next;
        }

        @Override
        public void step(long step, int epoch, double loss) {
            pending.step(LOSS, step, loss);
            next.step(step, epoch, loss);
        }

        @Override
        public void epoch(int epoch, double validationNdcg10, boolean best) {
            pending.step(VALIDATION, epoch, validationNdcg10);
            flush();
            next.epoch(epoch, validationNdcg10, best);
        }

        void flush() {
            RunBatch batch = pending.build();
            if (!batch.isEmpty()) {
                store.log(runId, batch);
            }
            pending = RunBatch.builder();
        }
    }
}
