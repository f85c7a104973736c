package dev.ragworkbench.ui.models.finetune;

import dev.ragworkbench.app.Workbench;
import dev.ragworkbench.embedding.adapter.TrainingListener;
import dev.ragworkbench.embedding.adapter.TrainingOptions;
import dev.ragworkbench.evaluation.EvalSet;
import dev.ragworkbench.evaluation.Metric;
import dev.ragworkbench.experiment.FineTuning;
import dev.ragworkbench.format.Errors;
import dev.ragworkbench.format.Formats;
import dev.ragworkbench.index.IndexInfo;
import dev.ragworkbench.progress.Cancellation;
import dev.ragworkbench.progress.ProgressListener;
import dev.ragworkbench.retrieval.RetrieverKind;
import dev.ragworkbench.retrieval.RetrieverSpec;
import dev.ragworkbench.retrieval.compare.Column;
import dev.ragworkbench.retrieval.compare.EvalComparison;
import dev.ragworkbench.retrieval.compare.EvalSetComparison;
import dev.ragworkbench.retrieval.compare.SideBySideSearch;
import dev.ragworkbench.ui.shell.EvalComparisonRequest;
import dev.ragworkbench.ui.tasks.TaskRequest;
import dev.ragworkbench.ui.tasks.TaskRunner;
import dev.ragworkbench.ui.workspace.WorkspaceSession;
import javafx.beans.InvalidationListener;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The Models pane's "Fine-tune embedder": an index with vectors, a stored eval set and the training options
 * (FineTuning's defaults, bounded); training in the background with its loss and validation curves as they come;
 * then base against tuned as two columns of the Retrieval pane's eval-set comparison over held-out queries.
 * Cancel stops at the next step: the run ends cancelled, with no adapter, and nothing is shown.
 */
public final class FineTuneViewModel {

    /** A point of a curve: a training step's loss, or an epoch's validation nDCG@10 (epoch 0 is the base). */
    public record Point(double x, double y) {
    }

    /** What a finished training shows. */
    public record Result(FineTuning.Outcome outcome, FineTuning.HeldOut heldOut, EvalComparison comparison) {
    }

    public static final Metric NDCG10 = Metric.parse("ndcg@10");
    static final List<Metric> METRICS = List.of(NDCG10, Metric.parse("recall@100"));
    static final int DEPTH = 100;
    public static final int EPOCHS_MAX = 200;
    public static final int BATCH_MAX = 1024;
    public static final int PATIENCE_MAX = 50;

    private final WorkspaceSession session;
    private final Workbench workbench;
    private final TaskRunner runner;
    private final Executor fx;
    private final ObservableList<IndexInfo> indexes = FXCollections.observableArrayList();
    private final ObjectProperty<IndexInfo> index = new SimpleObjectProperty<>();
    private final FilteredList<EvalSet> sets;
    private final ObjectProperty<EvalSet> evalSet = new SimpleObjectProperty<>();
    private final TrainingOptions d = TrainingOptions.DEFAULTS;
    private final ObjectProperty<Integer> epochs = new SimpleObjectProperty<>(d.epochs());
    private final ObjectProperty<Double> learningRate = new SimpleObjectProperty<>(d.learningRate());
    private final ObjectProperty<Integer> batch = new SimpleObjectProperty<>(d.batchSize());
    private final ObjectProperty<TrainingOptions.Negatives> negatives = new SimpleObjectProperty<>(d.negatives());
    private final ObjectProperty<Integer> seed = new SimpleObjectProperty<>((int) d.seed());
    private final ObjectProperty<Double> validationShare = new SimpleObjectProperty<>(d.validationShare());
    private final ObjectProperty<Integer> patience = new SimpleObjectProperty<>(d.patience());
    private final BooleanProperty running = new SimpleBooleanProperty();
    private final DoubleProperty progress = new SimpleDoubleProperty();
    private final StringProperty status = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");
    private final ObservableList<Point> loss = FXCollections.observableArrayList();
    private final ObservableList<Point> epochLoss = FXCollections.observableArrayList();
    private final ObservableList<Point> validation = FXCollections.observableArrayList();
    private final ObjectProperty<Result> result = new SimpleObjectProperty<>();
    private final ObservableList<ComparisonRow> rows = FXCollections.observableArrayList();
    private final StringProperty heldOutNote = new SimpleStringProperty("");
    private final StringBinding embedder;
    private final BooleanBinding canStart;
    private final InvalidationListener indexesChanged = o -> loadIndexes();
    // stopped through this flag, never by cancelling the task: an interrupt during a database read closes H2's file
    private Cancellation stop = new Cancellation();
    private long generation;

    /** @param fx where curve points and progress from the training thread are applied (the FX thread; at once in tests) */
    public FineTuneViewModel(WorkspaceSession session, TaskRunner runner, Executor fx) {
        this.session = session;
        this.workbench = session.workbench();
        this.runner = runner;
        this.fx = fx;
        sets = new FilteredList<>(session.goldenSets(), s -> s.qrels().queryCount() > 0);
        sets.addListener((javafx.collections.ListChangeListener<EvalSet>) c -> {
            if (evalSet.get() == null || !sets.contains(evalSet.get())) {
                evalSet.set(defaultSet());
            }
        });
        evalSet.set(defaultSet());
        embedder = Bindings.createStringBinding(() -> index.get() == null ? "" : index.get().settings().embedder(), index);
        canStart = Bindings.createBooleanBinding(() -> !running.get() && index.get() != null && evalSet.get() != null,
                running, index, evalSet);
        session.indexesVersionProperty().addListener(indexesChanged);
    }

    /** A training split ({@code …/train}) if there is one: its test split then measures the result. */
    private EvalSet defaultSet() {
        return sets.stream().filter(s -> s.name().endsWith("/train")).findFirst()
                .orElse(sets.isEmpty() ? null : sets.getFirst());
    }

    /** Lists the indexes built with an embedder, newest first (off the FX thread). */
    public void loadIndexes() {
        runner.run(TaskRequest.of("Listing indexes", (p, c) -> workbench.indexes().list()).unlisted()
                .onSuccess(list -> {
                    String was = index.get() == null ? null : index.get().name();
                    indexes.setAll(list.stream().filter(i -> i.settings().hasVectors())
                            .sorted(Comparator.comparing(IndexInfo::builtAt).reversed()).toList());
                    index.set(indexes.stream().filter(i -> i.name().equals(was)).findFirst()
                            .orElse(indexes.isEmpty() ? null : indexes.getFirst()));
                }));
    }

    /** Trains, then compares base and tuned; the previous result goes at once. */
    public void start() {
        if (!canStart.get()) {
            return;
        }
        TrainingOptions options;
        try {
            options = new TrainingOptions(epochs.get(), learningRate.get(), batch.get(), d.scale(), negatives.get(),
                    seed.get(), validationShare.get(), patience.get());
        } catch (IllegalArgumentException | NullPointerException e) {
            error.set(Errors.sentence(e));
            return;
        }
        String indexName = index.get().name();
        EvalSet set = evalSet.get();
        List<EvalSet> stored = List.copyOf(session.goldenSets());
        clear();
        error.set("");
        running.set(true);
        progress.set(0);
        status.set("Training an adapter on " + set.name() + " over " + indexName + "…");
        long gen = ++generation;
        var cancel = new Cancellation();
        stop = cancel;
        var trainedRun = new java.util.concurrent.atomic.AtomicReference<String>(); // set once the adapter is whole
        runner.run(TaskRequest.<Result>of("Fine-tuning " + embedder.get() + " on " + set.name(), (p, c) -> {
            var curves = new Curves(gen, options.epochs(), p, c, cancel);
            var outcome = workbench.fineTuning().train(new FineTuning.Request(indexName, set, options, null),
                    curves, curves, cancel);
            curves.flush();
            trainedRun.set(outcome.runId());
            fx.execute(() -> {
                if (gen == generation) {
                    status.set("Comparing base and tuned…");
                }
            });
            var heldOut = FineTuning.heldOut(set, stored, options);
            return new Result(outcome, heldOut, compare(indexName, outcome.runId(), heldOut.set(), curves, cancel));
        }).silentErrors().onSuccess(r -> {
            if (gen == generation) {
                show(r);
            }
        }).onFailure(e -> {
            if (gen == generation) {
                error.set(Errors.sentence(e));
                status.set("");
            }
        }).onFinished(() -> {
            if (gen == generation) {
                running.set(false);
                if (cancel.isCancelled() && result.get() == null) {
                    status.set(trainedRun.get() == null
                            ? "Cancelled: the run is marked cancelled and no adapter was kept."
                            : "Cancelled during the comparison: adapter " + trainedRun.get() + " was trained whole and "
                              + "is kept; compare it in the Retrieval pane (its columns' adapter choice).");
                }
            }
        }));
    }

    /** Base dense and dense with the new adapter over the held-out queries: the Retrieval pane's comparison. */
    private EvalComparison compare(String indexName, String runId, EvalSet heldOut, ProgressListener progress,
                                   Cancellation cancel) {
        Column base = new Column(indexName, RetrieverSpec.of(RetrieverKind.DENSE), Column.DEFAULT_TOP);
        try (var search = new SideBySideSearch(workbench)) {
            var request = new EvalSetComparison.Request(heldOut, List.of(base, base.withAdapter(runId)), METRICS, DEPTH);
            return new EvalSetComparison(search, workbench.comparisons()).run(request, progress, cancel);
        }
    }

    /** Stops the training at its next step (or the comparison at its next query). */
    public void cancel() {
        stop.cancel();
        if (running.get()) {
            status.set("Cancelling…");
        }
    }

    private void clear() {
        result.set(null);
        rows.clear();
        heldOutNote.set("");
        loss.clear();
        epochLoss.clear();
        validation.clear();
    }

    private void show(Result r) {
        result.set(r);
        rows.setAll(ComparisonRow.of(r.comparison()));
        heldOutNote.set(note(r.heldOut(), r.comparison()));
        var t = r.outcome().result();
        status.set(String.format(java.util.Locale.ROOT, "Adapter %s: validation nDCG@10 %s → %s (best epoch %d of %d), "
                        + "%s from %s, trained in %.1f s.", r.outcome().runId(), Formats.metric(t.baseValidation()),
                Formats.metric(t.bestValidation()), t.bestEpoch(), t.epochsRun(),
                Formats.counted(r.outcome().pairs(), "pair"), Formats.counted(r.outcome().trainQueries(), "query"),
                r.outcome().trainingMillis() / 1000.0));
    }

    static String note(FineTuning.HeldOut heldOut, EvalComparison comparison) {
        String n = Formats.counted(comparison.queryIds().size(), "query");
        return heldOut.separate()
                ? "Measured on " + heldOut.set().name() + " (" + n + ", none trained on)."
                : "Measured on the " + n + " held out of training for validation: this eval set has no separate test "
                  + "split (NAME/test beside NAME/train), and early stopping chose the epoch on these queries, so "
                  + "the gain reads optimistic.";
    }

    /** The comparison as the Retrieval pane's eval-set mode shows it; empty before a result. */
    public Optional<EvalComparisonRequest> retrievalRequest() {
        Result r = result.get();
        return r == null ? Optional.empty() : Optional.of(new EvalComparisonRequest(r.heldOut().set(), r.comparison()));
    }

    public void dispose() {
        stop.cancel();
        session.indexesVersionProperty().removeListener(indexesChanged);
    }

    /**
     * The training's listener and progress: curve points queued on the training thread and applied on the FX
     * thread in batches (one pending drain at a time), so a fast training does not flood the FX queue.
     */
    private final class Curves implements TrainingListener, ProgressListener {
        private final long gen;
        private final int epochs;
        private final ProgressListener statusBar;
        private final Cancellation fromStatusBar;
        private final Cancellation cancel;
        private final ConcurrentLinkedQueue<Runnable> queued = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean drainPending = new AtomicBoolean();
        private double lossSum;
        private int lossCount;
        private long lastStep;

        Curves(long gen, int epochs, ProgressListener statusBar, Cancellation fromStatusBar, Cancellation cancel) {
            this.gen = gen;
            this.epochs = epochs;
            this.statusBar = statusBar;
            this.fromStatusBar = fromStatusBar;
            this.cancel = cancel;
        }

        @Override
        public void step(long step, int epoch, double value) {
            forwardCancel();
            lossSum += value;
            lossCount++;
            lastStep = step;
            post(() -> loss.add(new Point(step, value)));
        }

        @Override
        public void epoch(int epoch, double ndcg, boolean best) {
            forwardCancel();
            statusBar.progress("train", epoch, epochs);
            double share = Math.min(1, (double) epoch / epochs);
            if (lossCount > 0) {
                var mean = new Point(lastStep, lossSum / lossCount);
                post(() -> epochLoss.add(mean));
            }
            lossSum = 0;
            lossCount = 0;
            post(() -> {
                validation.add(new Point(epoch, ndcg));
                progress.set(share);
            });
            flush();
        }

        /** The core's stages: reading vectors, embedding queries, then the comparison's search (its own bar). */
        @Override
        public void progress(String stage, long done, long total) {
            forwardCancel();
            statusBar.progress(stage, done, total);
            if (stage.equals(EvalSetComparison.STAGE) && total > 0) {
                double share = (double) done / total;
                post(() -> progress.set(share));
            }
        }

        /** The status bar's cancel stops the work like the pane's (the core checks the flag at its next step). */
        private void forwardCancel() {
            if (fromStatusBar.isCancelled()) {
                cancel.cancel();
            }
        }

        private void post(Runnable change) {
            queued.add(change);
            if (drainPending.compareAndSet(false, true)) {
                fx.execute(this::drain);
            }
        }

        void flush() {
            if (!queued.isEmpty() && drainPending.compareAndSet(false, true)) {
                fx.execute(this::drain);
            }
        }

        private void drain() {
            drainPending.set(false);
            if (gen != generation) {
                queued.clear();
                return;
            }
            var batch = new ArrayList<Runnable>();
            for (Runnable r; (r = queued.poll()) != null; ) {
                batch.add(r);
            }
            batch.forEach(Runnable::run);
        }
    }

    // ---- state

    public ObservableList<IndexInfo> indexes() { return indexes; }
    public ObjectProperty<IndexInfo> indexProperty() { return index; }
    /** The chosen index's embedder: what the adapter is trained on. */
    public StringBinding embedderBinding() { return embedder; }
    public ObservableList<EvalSet> sets() { return sets; }
    public ObjectProperty<EvalSet> evalSetProperty() { return evalSet; }
    public ObjectProperty<Integer> epochsProperty() { return epochs; }
    public ObjectProperty<Double> learningRateProperty() { return learningRate; }
    public ObjectProperty<Integer> batchProperty() { return batch; }
    public ObjectProperty<TrainingOptions.Negatives> negativesProperty() { return negatives; }
    public ObjectProperty<Integer> seedProperty() { return seed; }
    public ObjectProperty<Double> validationShareProperty() { return validationShare; }
    public ObjectProperty<Integer> patienceProperty() { return patience; }
    public BooleanProperty runningProperty() { return running; }
    public DoubleProperty progressProperty() { return progress; }
    public StringProperty statusProperty() { return status; }
    public StringProperty errorProperty() { return error; }
    /** Training loss per step, in order. */
    public ObservableList<Point> loss() { return loss; }
    /** Each epoch's mean training loss, at its last step. */
    public ObservableList<Point> epochLoss() { return epochLoss; }
    /** Validation nDCG@10 per epoch, from epoch 0 (the base). */
    public ObservableList<Point> validation() { return validation; }
    public ObjectProperty<Result> resultProperty() { return result; }
    /** Base and tuned, one row each: the comparison's columns. */
    public ObservableList<ComparisonRow> rows() { return rows; }
    /** Which queries the comparison measured, and how far to trust them. */
    public StringProperty heldOutNoteProperty() { return heldOutNote; }
    public BooleanBinding canStart() { return canStart; }
}
