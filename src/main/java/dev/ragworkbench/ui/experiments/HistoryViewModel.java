package dev.ragworkbench.ui.experiments;

import dev.ragworkbench.experiment.history.ExperimentBaselines;
import dev.ragworkbench.experiment.history.HistorySearch;
import dev.ragworkbench.experiment.history.SearchError;
import dev.ragworkbench.experiment.history.SearchSyntaxException;
import dev.ragworkbench.experiment.store.ExperimentSummary;
import dev.ragworkbench.experiment.store.HistoryColumns;
import dev.ragworkbench.experiment.store.HistoryQuery;
import dev.ragworkbench.experiment.store.HistoryStamp;
import dev.ragworkbench.experiment.store.Run;
import dev.ragworkbench.experiment.store.RunField;
import dev.ragworkbench.experiment.store.RunFilter;
import dev.ragworkbench.experiment.store.RunSort;
import dev.ragworkbench.experiment.store.RunStore;
import dev.ragworkbench.format.Errors;
import dev.ragworkbench.ui.tasks.TaskRequest;
import dev.ragworkbench.ui.tasks.TaskRunner;
import dev.ragworkbench.workspace.UiStateStore;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The history table's state: the search (language, free text, experiment), sort, page and grouping in; the rows,
 * total, search error, columns and experiments out. Every read goes through the {@link TaskRunner}; a request
 * made while one is in flight runs once after it, with the latest inputs.
 */
public final class HistoryViewModel {

    /** Rows a page holds: a screenful several times over, and few enough that a page reads in one short query. */
    public static final int PAGE_SIZE = 100;

    private final RunStore store;
    private final UiStateStore uiState;
    private final TaskRunner runner;

    private final StringProperty query = new SimpleStringProperty("");
    private final StringProperty freeText = new SimpleStringProperty("");
    private final ObjectProperty<String> experiment = new SimpleObjectProperty<>();
    private final BooleanProperty grouped = new SimpleBooleanProperty();
    private final ObjectProperty<List<RunSort>> sort = new SimpleObjectProperty<>(List.of());
    private final IntegerProperty offset = new SimpleIntegerProperty();

    private final ObservableList<HistoryRow> rows = FXCollections.observableArrayList();
    private final LongProperty total = new SimpleLongProperty();
    private final ObjectProperty<SearchError> searchError = new SimpleObjectProperty<>();
    private final StringProperty message = new SimpleStringProperty("");
    private final ObservableList<ExperimentSummary> experiments = FXCollections.observableArrayList();
    private final ObjectProperty<HistoryColumns> available = new SimpleObjectProperty<>(
            new HistoryColumns(List.of(), List.of(), List.of()));
    private final ObjectProperty<ColumnChoice> columns = new SimpleObjectProperty<>(new ColumnChoice(List.of(), List.of()));
    private final IntegerProperty shown = new SimpleIntegerProperty();
    private final BooleanProperty loading = new SimpleBooleanProperty();

    private HistoryStamp stamp;
    private boolean pending;
    private boolean pendingFull;
    private boolean polling;
    private boolean disposed;
    /** Until the first page of an experiment arrives, its remembered (or default) columns are still to be read. */
    private boolean columnsNeverChosen = true;
    private Consumer<List<String>> onCompare = ids -> { };

    public HistoryViewModel(RunStore store, UiStateStore uiState, TaskRunner runner) {
        this.store = Objects.requireNonNull(store, "store");
        this.uiState = Objects.requireNonNull(uiState, "uiState");
        this.runner = Objects.requireNonNull(runner, "runner");
    }

    // ------------------------------------------------------------------------------------------------ loading

    /** Reads the page again with the current inputs; {@code full} also reads the columns and experiments. */
    public void reload(boolean full) {
        if (disposed) {
            return;
        }
        RunFilter filter;
        try {
            filter = filter();
            searchError.set(null);
        } catch (SearchSyntaxException e) {
            searchError.set(e.error());
            message.set(e.error().reason());
            return;
        }
        if (loading.get()) {
            pending = true;
            pendingFull |= full;
            return;
        }
        loading.set(true);
        var q = new HistoryQuery(filter, effectiveSort(), offset.get(), PAGE_SIZE);
        String exp = experiment.get();
        boolean needsChoice = full || columnsNeverChosen;
        runner.run(TaskRequest.<HistorySnapshot>of("Reading the run history",
                (progress, cancel) -> read(store, uiState, q, exp, full, needsChoice)).unlisted().silentErrors().onSuccess(s -> {
            show(s);
            if (full) {
                // the column chooser's keys and the experiment list come after the rows: the first frame
                // shows the page without waiting for the DISTINCT over every param
                readColumnsAndExperiments();
            }
        }).onFailure(e -> message.set(Errors.sentence(e)))
                .onFinished(() -> {
                    loading.set(false);
                    if (pending) {
                        pending = false;
                        boolean f = pendingFull;
                        pendingFull = false;
                        reload(f);
                    }
                }));
    }

    /** One page as {@link #reload} reads it, with the stamp when {@code full} and the remembered columns if asked. */
    private static HistorySnapshot read(RunStore store, UiStateStore uiState, HistoryQuery q, String exp, boolean full,
                                        boolean needsChoice) {
        HistoryStamp before = full ? store.historyStamp() : null;
        var page = store.search(q);
        var baselines = baselinesOf(store, page.runs());
        ColumnChoice choice = needsChoice ? uiState.get(ColumnChoice.SCOPE, ColumnChoice.key(exp))
                .map(ColumnChoice::fromJson).orElse(null) : null;
        return new HistorySnapshot(page, baselines, null, null, before, choice);
    }

    /**
     * Reads what the history's first opening reads (its first page with the stamp, the remembered columns, the
     * column keys and the experiments), off the FX thread, for {@link #showWarm}: the window does it once after
     * its start, so that the first opening shows its rows in its first frame, without a read on a cold JVM beside
     * the table's first layout (a few hundred ms of CPU on two cores). Never on the FX thread.
     */
    static HistorySnapshot warm(RunStore store, UiStateStore uiState) {
        var q = new HistoryQuery(filter("", "", null), sortOf(false, List.of()), 0, PAGE_SIZE);
        var s = read(store, uiState, q, null, true, true);
        return new HistorySnapshot(s.page(), s.baselines(), store.historyColumns(), store.experimentSummaries(),
                s.stamp(), s.choice());
    }

    /**
     * Shows what {@link #warm} read, instead of the first {@code reload(true)}, when the inputs are still the
     * first opening's; else reloads. A write since then is caught by the next {@link #poll} (the page polls as it
     * is shown), which compares the store's stamp with the one read then and reloads.
     */
    void showWarm(HistorySnapshot s) {
        if (disposed || loading.get() || stamp != null || offset.get() != 0 || grouped.get()
                || !query.get().isBlank() || !freeText.get().isBlank() || experiment.get() != null
                || !sort.get().isEmpty()) {
            reload(true);
            return;
        }
        show(s);
    }

    private void readColumnsAndExperiments() {
        runner.run(TaskRequest.of("Reading the history's columns", (p, c) ->
                new HistorySnapshot(null, Map.of(), store.historyColumns(), store.experimentSummaries(), null, null))
                .unlisted().silentErrors().onSuccess(s -> {
                    available.set(s.columns());
                    experiments.setAll(s.experiments());
                    if (grouped.get()) {
                        reload(false); // the group headers count each experiment's runs
                    }
                }));
    }

    private static Map<String, Run> baselinesOf(RunStore store, List<Run> runs) {
        var marked = new ExperimentBaselines(store).all();
        var out = new HashMap<String, Run>();
        for (Run r : runs) {
            String id = r.experiment() == null ? null : marked.get(r.experiment());
            if (id != null && !out.containsKey(r.experiment())) {
                store.find(id).ifPresent(b -> out.put(r.experiment(), b));
            }
        }
        return out;
    }

    private void show(HistorySnapshot s) {
        if (s.stamp() != null) {
            stamp = s.stamp();
        }
        if (s.columns() != null) {
            available.set(s.columns());
        }
        if (s.experiments() != null) {
            experiments.setAll(s.experiments());
        }
        if (columnsNeverChosen || s.choice() != null) {
            columns.set(s.choice() != null ? s.choice() : defaultColumns(s.page().runs()));
            columnsNeverChosen = false;
        }
        var out = new ArrayList<HistoryRow>(s.page().runs().size() + 8);
        String group = null;
        Map<String, Long> groupSizes = new HashMap<>();
        if (grouped.get()) {
            experiments.forEach(e -> groupSizes.put(e.name(), e.runs()));
        }
        for (Run r : s.page().runs()) {
            if (grouped.get() && (out.isEmpty() || !Objects.equals(group, r.experiment()))) {
                group = r.experiment();
                out.add(HistoryRow.header(group == null ? "(no experiment)" : group, groupSizes.getOrDefault(group, -1L)));
            }
            Run base = r.experiment() == null ? null : s.baselines().get(r.experiment());
            boolean isBase = base != null && base.id().equals(r.id());
            var deltas = new HashMap<String, Double>();
            if (base != null && !isBase) {
                r.metrics().forEach((m, v) -> {
                    Double b = base.metrics().get(m);
                    if (b != null) {
                        deltas.put(m, v - b);
                    }
                });
            }
            out.add(new HistoryRow(r, null, 0, isBase, deltas));
        }
        rows.setAll(out);
        total.set(s.page().total());
        message.set(s.page().total() == 0 ? "No run matches." : "");
        shown.set(shown.get() + 1);
    }

    /** Metrics the page's runs have (up to six) and params whose value differs among them (up to four). */
    static ColumnChoice defaultColumns(List<Run> runs) {
        var metrics = new LinkedHashSet<String>();
        runs.forEach(r -> metrics.addAll(r.metrics().keySet()));
        var values = new java.util.TreeMap<String, java.util.Set<String>>();
        runs.forEach(r -> r.params().forEach((k, v) -> values.computeIfAbsent(k, x -> new java.util.HashSet<>()).add(v)));
        var varying = values.entrySet().stream().filter(e -> e.getValue().size() > 1).map(Map.Entry::getKey)
                .limit(4).toList();
        return new ColumnChoice(varying, metrics.stream().limit(6).toList());
    }

    /** Asks the store whether anything changed since the last full load, and reloads if so (cheap; call often). */
    public void poll() {
        if (polling || loading.get() || disposed) {
            return;
        }
        polling = true;
        runner.run(TaskRequest.of("Watching the run history", (p, c) -> store.historyStamp()).unlisted().silentErrors()
                .onSuccess(now -> {
                    if (!now.equals(stamp)) {
                        reload(true);
                    }
                }).onFinished(() -> polling = false));
    }

    RunFilter filter() {
        return filter(query.get(), freeText.get(), experiment.get());
    }

    private static RunFilter filter(String query, String freeText, String experiment) {
        var parts = new ArrayList<RunFilter>();
        parts.add(HistorySearch.parse(query));
        parts.add(RunFilter.text(freeText));
        if (experiment != null) {
            parts.add(new RunFilter.Condition(RunField.attribute(RunField.Attribute.EXPERIMENT), RunFilter.Op.EQ,
                    experiment));
        }
        return new RunFilter.And(parts);
    }

    private List<RunSort> effectiveSort() {
        return sortOf(grouped.get(), sort.get());
    }

    private static List<RunSort> sortOf(boolean grouped, List<RunSort> sort) {
        var keys = new ArrayList<RunSort>();
        if (grouped) {
            keys.add(new RunSort(RunField.attribute(RunField.Attribute.EXPERIMENT), false));
        }
        keys.addAll(sort.isEmpty() ? List.of(RunSort.desc("startedAt")) : sort);
        return keys;
    }

    // ----------------------------------------------------------------------------------------------- commands

    /** Applies the search as typed: from the first page. */
    public void search() {
        offset.set(0);
        reload(false);
    }

    public void sortBy(List<RunSort> keys) {
        if (!keys.equals(sort.get())) {
            sort.set(List.copyOf(keys));
            offset.set(0);
            reload(false);
        }
    }

    public void showExperiment(String name) {
        if (!Objects.equals(name, experiment.get())) {
            experiment.set(name);
            columnsNeverChosen = true;
            offset.set(0);
            reload(false);
        }
    }

    public void setGrouped(boolean on) {
        if (on != grouped.get()) {
            grouped.set(on);
            offset.set(0);
            reload(true);
        }
    }

    public void nextPage() {
        if (offset.get() + PAGE_SIZE < total.get()) {
            offset.set(offset.get() + PAGE_SIZE);
            reload(false);
        }
    }

    public void previousPage() {
        if (offset.get() > 0) {
            offset.set(Math.max(0, offset.get() - PAGE_SIZE));
            reload(false);
        }
    }

    /** Shows or hides a param or metric column, and remembers the choice for the experiment shown. */
    public void showColumn(RunField.Kind kind, String key, boolean on) {
        ColumnChoice now = kind == RunField.Kind.PARAM ? columns.get().withParam(key, on) : columns.get().withMetric(key, on);
        columns.set(now);
        String exp = experiment.get();
        runner.run(TaskRequest.of("Saving the history's columns", (p, c) -> {
            uiState.put(ColumnChoice.SCOPE, ColumnChoice.key(exp), now.toJson());
            return null;
        }).unlisted());
    }

    public void markBaseline(String runId) {
        runner.run(TaskRequest.of("Marking the baseline", (p, c) -> new ExperimentBaselines(store).mark(runId))
                .onSuccess(b -> reload(true)));
    }

    public void delete(List<String> runIds) {
        var ids = List.copyOf(runIds);
        runner.run(TaskRequest.of("Deleting " + (ids.size() == 1 ? "a run" : ids.size() + " runs"), (p, c) -> {
            for (String id : ids) {
                c.check();
                store.delete(id);
            }
            return null;
        }).onFinished(() -> reload(true)));
    }

    public void compare(List<String> runIds) {
        if (runIds.size() >= 2) {
            onCompare.accept(List.copyOf(runIds));
        }
    }

    /** Where "Compare" hands the selected runs' ids (the page shows them in its comparison view). */
    public void setOnCompare(Consumer<List<String>> action) {
        onCompare = Objects.requireNonNull(action, "action");
    }

    public void dispose() {
        disposed = true;
    }

    // --------------------------------------------------------------------------------------------- properties

    public StringProperty queryProperty() { return query; }
    public StringProperty freeTextProperty() { return freeText; }
    public ObjectProperty<String> experimentProperty() { return experiment; }
    public BooleanProperty groupedProperty() { return grouped; }
    public IntegerProperty offsetProperty() { return offset; }
    public ObservableList<HistoryRow> rows() { return rows; }
    public LongProperty totalProperty() { return total; }
    public ObjectProperty<SearchError> searchErrorProperty() { return searchError; }
    public StringProperty messageProperty() { return message; }
    public ObservableList<ExperimentSummary> experiments() { return experiments; }
    public ObjectProperty<HistoryColumns> availableProperty() { return available; }
    public ObjectProperty<ColumnChoice> columnsProperty() { return columns; }
    /** Bumped on the FX thread each time new rows are in {@link #rows()}: what a benchmark times to. */
    public IntegerProperty shownProperty() { return shown; }
    public BooleanProperty loadingProperty() { return loading; }
}
