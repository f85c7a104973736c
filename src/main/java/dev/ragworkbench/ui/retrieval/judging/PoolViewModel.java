package dev.ragworkbench.ui.retrieval.judging;

import dev.ragworkbench.app.Workbench;
import dev.ragworkbench.evaluation.EvalSetExport;
import dev.ragworkbench.index.IndexInfo;
import dev.ragworkbench.judging.Judgment;
import dev.ragworkbench.judging.Judgments;
import dev.ragworkbench.judging.PoolColumn;
import dev.ragworkbench.judging.PoolDefinition;
import dev.ragworkbench.judging.PoolItem;
import dev.ragworkbench.judging.PoolSession;
import dev.ragworkbench.judging.PoolSessions;
import dev.ragworkbench.retrieval.RetrieverSpec;
import dev.ragworkbench.ui.common.Debouncer;
import dev.ragworkbench.ui.tasks.TaskHandle;
import dev.ragworkbench.ui.tasks.TaskRequest;
import dev.ragworkbench.ui.tasks.TaskRunner;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Blind pooled judging: the set up (eval set or a new one, queries from the set or pasted, the columns and k), then
 * one pooled document at a time with its query, graded 0/1/2, skipped or gone back to, with the progress line. The
 * columns are given as data ({@link #columns()}), so another view can hand over its own. Grades are written off the
 * FX thread in batches, each one new version of the set: when the judge moves on to another query, after
 * {@value PoolSession#SAVE_EVERY} grades, after a few quiet seconds ({@code saveLater}), when the page is left
 * ({@link #save()}) and when it is disposed (a write the window's closing waits for). The session's pool is kept in
 * the workspace, so {@link #resume()} picks it up again from the store.
 */
public final class PoolViewModel {

    private final Workbench bench;
    private final TaskRunner runner;
    private final Judgments judgments;
    private final PoolSessions sessions;
    private final Debouncer saveLater;
    private final PoolGradeWriter writer;

    private final ObservableList<String> evalSets = FXCollections.observableArrayList();
    private final ObservableList<IndexInfo> indexes = FXCollections.observableArrayList();
    private final ObservableList<PoolColumn> columns = FXCollections.observableArrayList();
    private final StringProperty evalSet = new SimpleStringProperty();
    private final BooleanProperty newSet = new SimpleBooleanProperty();
    private final StringProperty newSetName = new SimpleStringProperty("");
    private final StringProperty pastedQueries = new SimpleStringProperty("");
    private final IntegerProperty sample = new SimpleIntegerProperty(0);
    private final IntegerProperty k = new SimpleIntegerProperty(10);
    private final IntegerProperty seed = new SimpleIntegerProperty(42);

    private final ReadOnlyObjectWrapper<PoolItem> current = new ReadOnlyObjectWrapper<>();
    private final ObjectProperty<Integer> currentGrade = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper progress = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final javafx.beans.property.ReadOnlyDoubleWrapper fraction = new javafx.beans.property.ReadOnlyDoubleWrapper();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper judging = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canResume = new ReadOnlyBooleanWrapper();
    private PoolSession session;
    private String sessionSet;
    private TaskHandle building = TaskHandle.DONE;

    /** @param saveLater runs a save after a quiet spell ({@code Debouncer.fx(SAVE_AFTER_MS)} in the window) */
    public PoolViewModel(Workbench bench, TaskRunner runner, Debouncer saveLater) {
        this.bench = bench;
        this.runner = runner;
        this.judgments = new Judgments(bench.evalSets());
        this.sessions = new PoolSessions(judgments, bench.uiState(), bench);
        this.saveLater = saveLater;
        this.writer = new PoolGradeWriter(judgments, runner, status::set, () -> session);
        evalSet.addListener((o, was, now) -> checkResume());
    }

    // --- set up ----------------------------------------------------------------------------------------------

    /** Reads the eval sets and indexes of the workspace; with no columns yet, proposes BM25 and dense on the latest index. */
    public void refresh() {
        runner.run(TaskRequest.of("Reading eval sets and indexes", (p, c) -> new Lists(
                        bench.evalSets().summaries().stream().map(s -> s.name()).toList(), bench.indexes().list()))
                .unlisted()
                .onSuccess(lists -> {
                    String chosen = evalSet.get();
                    evalSets.setAll(lists.sets());
                    indexes.setAll(lists.indexes());
                    if (chosen == null || !evalSets.contains(chosen)) {
                        evalSet.set(evalSets.isEmpty() ? null : evalSets.getFirst());
                    }
                    if (columns.isEmpty() && !indexes.isEmpty()) {
                        IndexInfo latest = indexes.getLast();
                        columns.add(new PoolColumn(RetrieverSpec.parse("bm25"), latest.name()));
                        if (latest.settings().hasVectors()) {
                            columns.add(new PoolColumn(RetrieverSpec.parse("dense"), latest.name()));
                        }
                    }
                    newSet.set(newSet.get() || evalSets.isEmpty());
                    checkResume();
                }));
    }

    private record Lists(List<String> sets, List<IndexInfo> indexes) {
    }

    public ObservableList<String> evalSets() {
        return evalSets;
    }

    public ObservableList<IndexInfo> indexes() {
        return indexes;
    }

    /** The retrievers whose top k are pooled, each over its index. */
    public ObservableList<PoolColumn> columns() {
        return columns;
    }

    /** Replaces the columns, e.g. with the one-query view's. */
    public void setColumns(List<PoolColumn> given) {
        columns.setAll(given);
    }

    public StringProperty evalSetProperty() {
        return evalSet;
    }

    public BooleanProperty newSetProperty() {
        return newSet;
    }

    public StringProperty newSetNameProperty() {
        return newSetName;
    }

    /** Queries typed or pasted, one per line; when empty the set's own queries are pooled. */
    public StringProperty pastedQueriesProperty() {
        return pastedQueries;
    }

    /** How many of the set's queries to pool, drawn with the seed; 0 for all. */
    public IntegerProperty sampleProperty() {
        return sample;
    }

    public IntegerProperty kProperty() {
        return k;
    }

    public IntegerProperty seedProperty() {
        return seed;
    }

    // --- judging ---------------------------------------------------------------------------------------------

    /** The document to grade now; null before a pool is built, and once all are graded. */
    public ReadOnlyObjectProperty<PoolItem> currentProperty() {
        return current.getReadOnlyProperty();
    }

    /** The current document's grade, when it has one (after going back). */
    public ObjectProperty<Integer> currentGradeProperty() {
        return currentGrade;
    }

    /** E.g. {@code query 7 of 40, 12 of 31 hits judged (180 of 1,204 in all)}. */
    public ReadOnlyStringProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** The share of the pool judged, 0 to 1. */
    public javafx.beans.property.ReadOnlyDoubleProperty fractionProperty() {
        return fraction.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** A pool is open. */
    public ReadOnlyBooleanProperty judgingProperty() {
        return judging.getReadOnlyProperty();
    }

    /** The chosen set has a pool started earlier. */
    public ReadOnlyBooleanProperty canResumeProperty() {
        return canResume.getReadOnlyProperty();
    }

    /** The set the open pool grades into. */
    public String sessionSet() {
        return sessionSet;
    }

    /** Builds the pool in the background (making the new set or adding pasted queries first) and opens it. */
    public void start() {
        boolean create = newSet.get();
        String set = create ? newSetName.get().strip() : evalSet.get();
        if (set == null || set.isBlank()) {
            status.set(create ? "name the new eval set" : "choose an eval set");
            return;
        }
        if (columns.isEmpty()) {
            status.set("add at least one retriever");
            return;
        }
        String pasted = pastedQueries.get();
        if (create && pasted.isBlank()) {
            status.set("a new eval set needs queries: type or paste them, one per line");
            return;
        }
        var cols = List.copyOf(columns);
        int n = sample.get();
        int depth = k.get();
        long s = seed.get();
        busy.set(true);
        building.cancel();
        building = runner.run(TaskRequest.of("Pooling for " + set, (p, cancel) -> {
                    if (create) {
                        String corpus = bench.indexes().resolve(cols.getFirst().index()).settings().corpus();
                        judgments.create(set, corpus, "");
                    }
                    var ids = judgments.poolQueries(set, pasted, n, s);
                    return sessions.start(new PoolDefinition(set, ids, cols, depth, s), p, cancel);
                })
                .onSuccess(opened -> {
                    open(set, opened);
                    if (create) {
                        newSet.set(false);
                        pastedQueries.set("");
                        refresh();
                        evalSet.set(set);
                    }
                })
                .onFailure(e -> status.set(e.getMessage()))
                .onFinished(() -> busy.set(false)));
    }

    /** Opens again the pool last started on the chosen set, with the grades the set holds now. */
    public void resume() {
        String set = evalSet.get();
        if (set == null) {
            return;
        }
        busy.set(true);
        building.cancel();
        building = runner.run(TaskRequest.of("Pooling for " + set, (p, cancel) -> sessions.resume(set, p, cancel)
                        .orElseThrow(() -> new IllegalArgumentException("no pool was started on " + set)))
                .onSuccess(opened -> open(set, opened))
                .onFailure(e -> status.set(e.getMessage()))
                .onFinished(() -> busy.set(false)));
    }

    private void open(String set, PoolSession opened) {
        save(); // the pool open before keeps its grades
        session = opened;
        sessionSet = set;
        judging.set(true);
        canResume.set(true);
        status.set(String.format(Locale.ROOT, "pooled %d documents of %d queries from %d retriever%s, top %d each",
                opened.pool().size(), opened.pool().queries().size(), opened.pool().definition().columns().size(),
                opened.pool().definition().columns().size() == 1 ? "" : "s", opened.pool().definition().k()));
        show();
    }

    /** Grades the current document and moves on; the grade goes with the next batch written (see the class). */
    public void grade(int grade) {
        if (session == null || session.current().isEmpty()) {
            return;
        }
        session.record(session.judgment(grade));
        show();
        saveWhenDue();
    }

    /** How long grading may pause before the grades given are written. */
    public static final double SAVE_AFTER_MS = 3_000;

    private void saveWhenDue() {
        if (session.saveDue()) {
            save();
        } else if (!session.unsaved().isEmpty()) {
            saveLater.request(this::save);
        }
    }

    /** Writes the grades not written yet as one new version of the set, off the FX thread (see {@link PoolGradeWriter}). */
    public void save() {
        writer.save(session, sessionSet);
    }

    /** Grades {@code documentId} when it is the current document (the grade buttons' call). */
    void gradeDocument(String documentId, int grade) {
        PoolItem item = current.get();
        if (item != null && item.documentId().equals(documentId)) {
            grade(grade);
        }
    }

    /** Leaves the current document for later. */
    public void skip() {
        if (session != null) {
            session.skip();
            show();
            saveWhenDue();
        }
    }

    /** Goes back one document, to see or change its grade. */
    public void back() {
        if (session != null) {
            session.back();
            show();
            saveWhenDue();
        }
    }

    private void show() {
        var item = session.current();
        current.set(item.orElse(null));
        currentGrade.set(item.flatMap(i -> {
            var g = session.grade(i);
            return g.isPresent() ? java.util.Optional.of(g.getAsInt()) : java.util.Optional.empty();
        }).orElse(null));
        var p = session.progress();
        progress.set(p.describe());
        fraction.set(p.hits() == 0 ? 1 : (double) p.judged() / p.hits());
    }

    private void checkResume() {
        String set = evalSet.get();
        if (set == null) {
            canResume.set(false);
            return;
        }
        runner.run(TaskRequest.of("Reading the pool of " + set, (p, c) -> sessions.saved(set).isPresent())
                .unlisted()
                .onSuccess(saved -> {
                    if (set.equals(evalSet.get())) {
                        canResume.set(saved);
                    }
                }));
    }

    // --- queries and export ----------------------------------------------------------------------------------

    /** Adds queries (one per line) to the chosen set as a new version. */
    public void addQueries(String text) {
        String set = evalSet.get();
        if (set == null || text == null || text.isBlank()) {
            return;
        }
        runner.run(TaskRequest.of("Adding queries to " + set, (p, c) -> judgments.addQueries(set, text).size())
                .onSuccess(n -> status.set(n == 0 ? "no new query: " + set + " has all of them"
                        : n + " quer" + (n == 1 ? "y" : "ies") + " added to " + set))
                .onFailure(e -> status.set(e.getMessage())));
    }

    /** Writes the chosen set (latest version) as BEIR or TREC into {@code dir}, as {@code evalsets export} does. */
    public void export(EvalSetExport.Format format, Path dir) {
        String set = sessionSet != null ? sessionSet : evalSet.get();
        if (set == null) {
            return;
        }
        // the grades given so far are in what is exported
        writer.afterSaving(() -> runner.run(TaskRequest.of("Exporting " + set, (p, c) ->
                        EvalSetExport.write(bench.evalSets().get(set), format, dir))
                .onSuccess(files -> status.set("exported " + set + " as " + format.name() + ": " + files.size()
                        + " files in " + dir))
                .onFailure(e -> status.set(e.getMessage()))));
        save();
    }

    /** Cancels a pool still being built, and writes the grades not written yet (the window's closing waits). */
    public void dispose() {
        building.cancel();
        save();
    }
}
