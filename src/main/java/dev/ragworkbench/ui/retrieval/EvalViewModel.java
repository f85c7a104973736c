package dev.ragworkbench.ui.retrieval;

import dev.ragworkbench.evaluation.EvalSet;
import dev.ragworkbench.evaluation.Metric;
import dev.ragworkbench.format.Errors;
import dev.ragworkbench.format.Formats;
import dev.ragworkbench.progress.ProgressListener;
import dev.ragworkbench.retrieval.compare.Column;
import dev.ragworkbench.retrieval.compare.ColumnEvaluation;
import dev.ragworkbench.retrieval.compare.ComparisonRuns;
import dev.ragworkbench.retrieval.compare.Coverage;
import dev.ragworkbench.retrieval.compare.EvalComparison;
import dev.ragworkbench.retrieval.compare.EvalSetComparison;
import dev.ragworkbench.ui.tasks.TaskHandle;
import dev.ragworkbench.ui.tasks.TaskRequest;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * The eval-set mode: a stored eval set (or a seeded sample of it) through the pane's columns in the background,
 * with progress and cancel; per column the metrics and paired statistics against the first, a per-query table
 * of column A (the first) against a chosen column B, and judged coverage. Nothing shows until a run is complete:
 * a cancelled run leaves no partial result.
 */
public final class EvalViewModel {

    public static final long SEED = 42;
    public static final String DEFAULT_METRICS = "ndcg@10,recall@100,mrr@10";

    private final RetrievalViewModel parent;
    private final Executor fx;
    private final FilteredList<EvalSet> sets;
    private final ObjectProperty<EvalSet> set = new SimpleObjectProperty<>();
    private final IntegerProperty sample = new SimpleIntegerProperty(0);
    private final StringProperty metrics = new SimpleStringProperty(DEFAULT_METRICS);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<EvalComparison> result = new ReadOnlyObjectWrapper<>();
    private final ObservableList<ColumnSummary> summary = FXCollections.observableArrayList();
    private final ObservableList<QueryRow> rows = FXCollections.observableArrayList();
    private final ObservableList<Integer> columnChoices = FXCollections.observableArrayList();
    private final IntegerProperty compareWith = new SimpleIntegerProperty(2);
    private final ObjectProperty<Metric> metric = new SimpleObjectProperty<>();
    private final ObservableList<Metric> metricChoices = FXCollections.observableArrayList();
    private TaskHandle evaluating = TaskHandle.DONE;
    private long generation;
    private EvalSet evaluated;

    EvalViewModel(RetrievalViewModel parent, Executor fx) {
        this.parent = parent;
        this.fx = fx;
        this.sets = new FilteredList<>(parent.session().goldenSets(), s -> s.qrels().queryCount() > 0);
        if (!sets.isEmpty()) {
            set.set(sets.getFirst());
        }
        sets.addListener((javafx.collections.ListChangeListener<EvalSet>) c -> {
            if (set.get() == null && !sets.isEmpty()) {
                set.set(sets.getFirst());
            }
        });
        compareWith.addListener((o, a, b) -> rebuildRows());
        metric.addListener((o, a, b) -> rebuildRows());
    }

    /** Runs the chosen set through the pane's valid columns; the previous result goes at once. */
    public void run() {
        EvalSet chosen = set.get();
        if (chosen == null) {
            status.set("Pick an eval set with judgments (import one on the Import pane).");
            return;
        }
        List<Metric> list;
        try {
            list = Metric.parseList(metrics.get());
            if (list.isEmpty()) {
                throw new IllegalArgumentException("name at least one metric, e.g. ndcg@10");
            }
        } catch (IllegalArgumentException e) {
            status.set(e.getMessage());
            return;
        }
        var columns = new ArrayList<Column>();
        for (ColumnViewModel c : parent.columns()) {
            Column col = c.validColumn();
            if (col != null) {
                columns.add(col);
            }
        }
        if (columns.isEmpty()) {
            status.set("No column can search: fix the columns' settings first.");
            return;
        }
        evaluating.cancel();
        clear();
        EvalSet target = sample.get() > 0 ? chosen.sample(sample.get(), SEED) : chosen;
        var request = new EvalSetComparison.Request(target, columns, list, depth(list));
        running.set(true);
        progress.set(0);
        status.set("Searching " + Formats.counted(target.size(), "query") + " of " + target.name() + " with "
                   + Formats.counted(columns.size(), "column") + "…");
        long gen = ++generation;
        var comparison = new EvalSetComparison(parent.sideBySide(), parent.session().workbench().comparisons());
        var failed = new boolean[1];
        evaluating = parent.runner().run(TaskRequest.<EvalComparison>of("Evaluating " + target.name()
                                                                         + " in Retrieval",
                        (p, c) -> comparison.run(request, tee(p), c))
                .onSuccess(r -> {
                    if (gen != generation) {
                        return;
                    }
                    evaluated = target;
                    show(r);
                    status.set(Formats.counted(r.queryIds().size(), "query") + " evaluated, "
                               + Formats.counted(r.depth(), "document") + " deep.");
                })
                .onFailure(e -> {
                    failed[0] = true;
                    status.set("The eval-set run failed: " + Errors.sentence(e));
                })
                .onFinished(() -> {
                    if (gen == generation) {
                        running.set(false);
                        if (result.get() == null && !failed[0]) {
                            status.set(CANCELLED); // the status bar's cancel
                        }
                    }
                }));
    }

    private static final String CANCELLED = "Cancelled; nothing kept.";

    /** The runner's listener (the status bar) and this pane's progress bar. */
    private ProgressListener tee(ProgressListener statusBar) {
        var last = new java.util.concurrent.atomic.AtomicLong(-1);
        return (stage, done, total) -> {
            statusBar.progress(stage, done, total);
            if (total > 0) {
                long percent = done * 100 / total;
                if (last.getAndSet(percent) != percent) {
                    fx.execute(() -> progress.set(percent / 100.0));
                }
            }
        };
    }

    /**
     * Shows {@code r}, made elsewhere over {@code target}, as this mode's result (a run still going stops). The
     * set choice becomes the stored set of that name, if any: the choices (and grading) hold stored sets only.
     */
    void showComparison(EvalSet target, EvalComparison r) {
        generation++;
        evaluating.cancel();
        running.set(false);
        clear();
        sets.stream().filter(s -> s.name().equals(target.name())).findFirst().ifPresent(set::set);
        metrics.set(String.join(",", r.metrics().stream().map(Metric::toString).toList()));
        evaluated = target;
        show(r);
        status.set(Formats.counted(r.queryIds().size(), "query") + " of " + target.name() + " evaluated, "
                   + Formats.counted(r.depth(), "document") + " deep.");
    }

    /** Stops the run; what it had searched is dropped. */
    public void cancel() {
        generation++;
        evaluating.cancel();
        running.set(false);
        clear();
        status.set(CANCELLED);
    }

    private void clear() {
        result.set(null);
        summary.clear();
        rows.clear();
        columnChoices.clear();
        metricChoices.clear();
    }

    private void show(EvalComparison r) {
        result.set(r);
        summary.setAll(ColumnSummary.of(r));
        var choices = new ArrayList<Integer>();
        for (int i = 2; i <= r.columns().size(); i++) {
            choices.add(i);
        }
        columnChoices.setAll(choices);
        metricChoices.setAll(r.metrics());
        if (!choices.contains(compareWith.get())) {
            compareWith.set(choices.isEmpty() ? 1 : 2);
        }
        if (metric.get() == null || !r.metrics().contains(metric.get())) {
            metric.set(r.metrics().getFirst());
        }
        rebuildRows();
    }

    private void rebuildRows() {
        EvalComparison r = result.get();
        Metric m = metric.get();
        if (r == null || m == null) {
            rows.clear();
            return;
        }
        ColumnEvaluation a = r.first();
        ColumnEvaluation b = r.columns().get(Math.max(0, Math.min(r.columns().size(), compareWith.get()) - 1));
        var va = a.values(m);
        var vb = b.values(m);
        var list = new ArrayList<QueryRow>();
        for (String q : r.queryIds()) {
            list.add(new QueryRow(q, r.queryTexts().get(q), va.getOrDefault(q, 0.0), vb.getOrDefault(q, 0.0),
                    a.coverage().judged().getOrDefault(q, 0), b.coverage().judged().getOrDefault(q, 0)));
        }
        // largest wins first, then no change, then the largest losses last
        list.sort(Comparator.comparingDouble(QueryRow::difference).reversed());
        rows.setAll(list);
    }

    /** Opens {@code row}'s query in the one-query view with its relevant documents and its metrics per column. */
    public void openQuery(QueryRow row) {
        EvalComparison r = result.get();
        if (r == null || row == null) {
            return;
        }
        Set<String> relevant = evaluated == null ? Set.of() : relevant(evaluated, row.queryId());
        parent.openEvalQuery(row.text(), relevant, headers(r, row.queryId()));
    }

    /** The documents {@code set} judges relevant (grade 1 or 2) for {@code queryId}. */
    static Set<String> relevant(EvalSet set, String queryId) {
        Set<String> relevant = new HashSet<>();
        set.qrels().judgments(queryId).forEach((doc, grade) -> {
            if (grade >= 1) {
                relevant.add(doc);
            }
        });
        return relevant;
    }

    /** Per column of {@code r}, {@code queryId}'s metrics and judged coverage, e.g. {@code ndcg@10 0.6309 · judged 7/10}. */
    static List<String> headers(EvalComparison r, String queryId) {
        var headers = new ArrayList<String>();
        for (ColumnEvaluation c : r.columns()) {
            var parts = new ArrayList<String>();
            for (Metric m : r.metrics()) {
                parts.add(m + " " + Formats.metric(c.values(m).getOrDefault(queryId, 0.0)));
            }
            parts.add("judged " + c.coverage().judged().getOrDefault(queryId, 0) + "/"
                      + c.coverage().shown().getOrDefault(queryId, 0));
            headers.add(String.join(" · ", parts));
        }
        return headers;
    }

    /** The metrics typed in the metrics field, or the default ones while it does not parse. */
    List<Metric> chosenMetrics() {
        try {
            List<Metric> list = Metric.parseList(metrics.get());
            return list.isEmpty() ? Metric.parseList(DEFAULT_METRICS) : list;
        } catch (IllegalArgumentException e) {
            return Metric.parseList(DEFAULT_METRICS);
        }
    }

    /** Documents to search per query for {@code metrics}: the largest cut-off, and the judged coverage's 10. */
    static int depth(List<Metric> metrics) {
        return Math.max(Coverage.CUTOFF, metrics.stream().mapToInt(Metric::k).max().orElse(10));
    }

    /** Saves the result as runs of one comparison in the experiment history. */
    public void save() {
        EvalComparison r = result.get();
        if (r == null) {
            return;
        }
        parent.runner().run(TaskRequest.of("Saving the comparison as runs",
                (p, c) -> ComparisonRuns.save(parent.session().workbench().runs(), r, "retrieval-pane"))
                .onSuccess(ids -> status.set("Saved " + Formats.counted(ids.size(), "run") + ": " + String.join(", ", ids)
                                             + " (see Experiments, or runs compare).")));
    }

    void dispose() {
        evaluating.cancel();
    }

    // ---- state

    public ObservableList<EvalSet> sets() {
        return sets;
    }

    public ObjectProperty<EvalSet> setProperty() {
        return set;
    }

    /** Sample size; 0 for the whole set. */
    public IntegerProperty sampleProperty() {
        return sample;
    }

    public StringProperty metricsProperty() {
        return metrics;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<EvalComparison> resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ObservableList<ColumnSummary> summary() {
        return summary;
    }

    public ObservableList<QueryRow> rows() {
        return rows;
    }

    /** Column numbers B can be (2..n). */
    public ObservableList<Integer> columnChoices() {
        return columnChoices;
    }

    /** Column B of the per-query table and the chart (1-based; A is column 1). */
    public IntegerProperty compareWithProperty() {
        return compareWith;
    }

    public ObservableList<Metric> metricChoices() {
        return metricChoices;
    }

    /** The metric of the per-query table and the chart. */
    public ObjectProperty<Metric> metricProperty() {
        return metric;
    }
}
