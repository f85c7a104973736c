package dev.ragworkbench.ui.experiments.compare;

import dev.ragworkbench.evaluation.MetricComparison;
import dev.ragworkbench.experiment.compare.QueryTexts;
import dev.ragworkbench.experiment.compare.RunsComparison;
import dev.ragworkbench.experiment.store.Run;
import dev.ragworkbench.experiment.store.RunQuery;
import dev.ragworkbench.experiment.store.RunStatus;
import dev.ragworkbench.format.Errors;
import dev.ragworkbench.retrieval.RetrieverKind;
import dev.ragworkbench.retrieval.RetrieverSpec;
import dev.ragworkbench.ui.shell.QueryRequest;
import dev.ragworkbench.ui.tasks.TaskRequest;
import dev.ragworkbench.ui.tasks.TaskRunner;
import dev.ragworkbench.ui.workspace.WorkspaceSession;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedMap;

/**
 * State of the Compare view: two or more runs read and compared off the FX thread through the comparison service
 * ({@code runs compare}'s numbers), the metric the scatter, the parallel coordinates and the flips are about, and
 * the flipped queries, each of which opens in the Retrieval pane as a {@link QueryRequest}.
 */
public final class CompareViewModel {

    /** A query whose pass/fail metric changed between the first run and the chosen other one. */
    public record Flip(String queryId, String text, boolean gained) {
        public String label() {
            return (gained ? "wrong → right  " : "right → wrong  ") + queryId + (text == null ? "" : ": " + text);
        }
    }

    /** What the scatter and flips need of the pair (first run, chosen run) beyond the comparison. */
    public record PairValues(String metric, SequencedMap<String, Double> a, SequencedMap<String, Double> b) {
    }

    private final WorkspaceSession session;
    private final TaskRunner runner;
    private final ObservableList<Run> recentRuns = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<RunsComparison> comparison = new ReadOnlyObjectWrapper<>();
    private final BooleanProperty differencesOnly = new SimpleBooleanProperty(true);
    private final ObjectProperty<String> metric = new SimpleObjectProperty<>();
    private final ObjectProperty<String> flipMetric = new SimpleObjectProperty<>();
    /** Which run (index ≥ 1) the scatter and the flips set against the first. */
    private final ObjectProperty<Integer> other = new SimpleObjectProperty<>(1);
    private final ReadOnlyObjectWrapper<PairValues> pair = new ReadOnlyObjectWrapper<>();
    private final ObservableList<Flip> flips = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Choose two or more runs to compare.");
    private Map<String, String> queryTexts = Map.of();
    private int loads;

    public CompareViewModel(WorkspaceSession session, TaskRunner runner) {
        this.session = session;
        this.runner = runner;
        metric.addListener(o -> loadPair());
        other.addListener(o -> loadPair());
        flipMetric.addListener(o -> showFlips());
    }

    /** The latest finished runs, to pick from. */
    public void refreshRuns() {
        var store = session.workbench().runs();
        runner.run(TaskRequest.<List<Run>>of("Listing runs", (p, c) ->
                        store.runs(RunQuery.all().status(RunStatus.FINISHED).limit(500)))
                .unlisted().onSuccess(recentRuns::setAll));
    }

    /** Compares {@code runIds}, the first against each of the others. */
    public void compare(List<String> runIds) {
        var bench = session.workbench();
        int load = ++loads;
        status.set("Comparing " + runIds.size() + " runs…");
        record Loaded(RunsComparison comparison, Map<String, String> texts) {
        }
        runner.run(TaskRequest.<Loaded>of("Comparing runs", (p, c) -> {
                    var result = RunsComparison.of(bench.runs(), bench.comparisons(), runIds);
                    var texts = QueryTexts.of(result.runs().getFirst(), bench.runs(), bench.evalSets())
                            .orElse(Map.of());
                    return new Loaded(result, texts);
                })
                .silentErrors()
                .onSuccess(loaded -> {
                    if (load != loads) {
                        return;
                    }
                    queryTexts = loaded.texts();
                    var result = loaded.comparison();
                    comparison.set(result);
                    other.set(1);
                    metric.set(result.metrics().contains("ndcg@10") ? "ndcg@10"
                            : result.metrics().isEmpty() ? null : result.metrics().getFirst());
                    var passFail = result.passFailMetrics();
                    flipMetric.set(passFail.contains("success@10") ? "success@10"
                            : passFail.isEmpty() ? null : passFail.getFirst());
                    showFlips();
                    loadPair();
                    status.set(summary(result));
                })
                .onFailure(e -> status.set("Cannot compare: " + Errors.sentence(e))));
    }

    private static String summary(RunsComparison c) {
        String differ = c.toFirst().stream().anyMatch(x -> x.evalSetsDiffer())
                ? " Warning: the runs were evaluated on different eval sets (evalSet.sha256 differs)." : "";
        return c.runs().size() + " runs, each against " + c.runs().getFirst().name() + "; " + c.metrics().size()
                + " shared metrics." + differ;
    }

    /** The per-query values of the chosen metric for the first run and the chosen other one. */
    private void loadPair() {
        var c = comparison.get();
        String m = metric.get();
        Integer index = other.get();
        if (c == null || m == null || index == null || index < 1 || index >= c.runs().size()) {
            pair.set(null);
            return;
        }
        var store = session.workbench().runs();
        String a = c.runs().getFirst().id();
        String b = c.runs().get(index).id();
        runner.run(TaskRequest.<PairValues>of("Reading per-query values", (p, x) ->
                        new PairValues(m, store.queryMetrics(a, m), store.queryMetrics(b, m)))
                .unlisted().onSuccess(pair::set));
        showFlips();
    }

    private void showFlips() {
        var c = comparison.get();
        String m = flipMetric.get();
        Integer index = other.get();
        if (c == null || m == null || index == null) {
            flips.clear();
            return;
        }
        var list = new ArrayList<Flip>();
        c.against(index, m).flatMap(MetricComparison::flips).ifPresent(f -> {
            f.rightToWrong().forEach(id -> list.add(new Flip(id, queryTexts.get(id), false)));
            f.wrongToRight().forEach(id -> list.add(new Flip(id, queryTexts.get(id), true)));
        });
        flips.setAll(list);
    }

    /**
     * The Retrieval pane's request for a flipped query: its text against the chosen run's index, with that
     * run's retriever; empty when the query's text is not known.
     */
    public Optional<QueryRequest> request(Flip flip) {
        var c = comparison.get();
        if (c == null || flip.text() == null) {
            return Optional.empty();
        }
        Run run = c.runs().get(other.get() == null ? 1 : other.get());
        return Optional.of(new QueryRequest(run.params().get("index.name"), flip.text(), retriever(run.params())));
    }

    /** The run's retriever as a spec string from its {@code retrieval.*} params; null when it has none. */
    static String retriever(Map<String, String> params) {
        String kind = params.get("retrieval.kind");
        if (kind == null) {
            return null;
        }
        try {
            var k = RetrieverKind.fromId(kind);
            var values = new LinkedHashMap<String, String>();
            k.defaults().keySet().forEach(key -> {
                String v = params.get("retrieval." + key);
                if (v != null) {
                    values.put(key, v);
                }
            });
            return new RetrieverSpec(k, values).toString();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public ObservableList<Run> recentRuns() { return recentRuns; }
    public ReadOnlyObjectProperty<RunsComparison> comparison() { return comparison.getReadOnlyProperty(); }
    public BooleanProperty differencesOnly() { return differencesOnly; }
    public ObjectProperty<String> metric() { return metric; }
    public ObjectProperty<String> flipMetric() { return flipMetric; }
    public ObjectProperty<Integer> other() { return other; }
    public ReadOnlyObjectProperty<PairValues> pair() { return pair.getReadOnlyProperty(); }
    public ObservableList<Flip> flips() { return flips; }
    public ReadOnlyStringProperty status() { return status.getReadOnlyProperty(); }
}
