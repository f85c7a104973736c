package dev.ragworkbench.ui.retrieval;

import dev.ragworkbench.evaluation.EvalSet;
import dev.ragworkbench.format.Errors;
import dev.ragworkbench.index.IndexInfo;
import dev.ragworkbench.retrieval.RetrieverSpec;
import dev.ragworkbench.retrieval.compare.ChunkDetails;
import dev.ragworkbench.retrieval.compare.Column;
import dev.ragworkbench.retrieval.compare.ColumnHit;
import dev.ragworkbench.retrieval.compare.ColumnResult;
import dev.ragworkbench.retrieval.compare.EvalComparison;
import dev.ragworkbench.retrieval.compare.QueryComparison;
import dev.ragworkbench.retrieval.compare.SideBySideSearch;
import dev.ragworkbench.ui.common.Debouncer;
import dev.ragworkbench.ui.shell.QueryRequest;
import dev.ragworkbench.ui.tasks.TaskHandle;
import dev.ragworkbench.ui.tasks.TaskRequest;
import dev.ragworkbench.ui.tasks.TaskRunner;
import dev.ragworkbench.ui.workspace.WorkspaceSession;
import javafx.beans.InvalidationListener;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;

/**
 * The Retrieval pane: one query through two to four columns side by side (each search cancelling the one
 * before), the hit selected in one column marked in all, its details, and the eval-set mode
 * ({@link EvalViewModel}). The columns are remembered per workspace.
 */
public final class RetrievalViewModel {

    public static final int MIN_COLUMNS = 2;
    public static final int MAX_COLUMNS = SideBySideSearch.MAX_COLUMNS;

    private final WorkspaceSession session;
    private final TaskRunner runner;
    private final Debouncer debouncer;
    private final SideBySideSearch search;
    private final EvalViewModel eval;
    private final IndexChoices indexes = new IndexChoices();
    private final StringProperty query = new SimpleStringProperty("");
    private final ObservableList<ColumnViewModel> columns = FXCollections.observableArrayList();
    private final AdapterRuns adapters;
    private final ObjectProperty<String> selectedDoc = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<HitRef> selectedHit = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<ChunkDetails> details = new ReadOnlyObjectWrapper<>();
    private final ObservableSet<String> relevantDocs = FXCollections.observableSet();
    private final ReadOnlyBooleanWrapper searching = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyIntegerWrapper columnsRevision = new ReadOnlyIntegerWrapper();
    private final InvalidationListener indexesChanged = o -> reloadIndexes();
    private TaskHandle running = TaskHandle.DONE;
    private TaskHandle loadingDetails = TaskHandle.DONE;
    private long generation;
    private final QueryJudgments judgments;
    private boolean ready;
    /** A comparison another pane opened before the columns were loaded: shown once they are. */
    private Runnable pendingOpen;

    /**
     * @param fx runs progress updates of background work on the FX thread ({@code Platform::runLater}; at once in
     *           tests)
     */
    public RetrievalViewModel(WorkspaceSession session, TaskRunner runner, Debouncer debouncer, Executor fx) {
        this.session = session;
        this.runner = runner;
        this.debouncer = debouncer;
        this.search = new SideBySideSearch(session.workbench());
        this.eval = new EvalViewModel(this, fx);
        this.adapters = new AdapterRuns(session, runner);
        query.addListener((o, a, q) -> {
            HitRef selected = selectedHit.get();
            if (selected != null && !java.util.Objects.equals(selected.query(), q)) {
                select(null, null); // the details were of another query's hit
            }
            debouncer.request(this::search);
        });
        judgments = new QueryJudgments(this);
        session.indexesVersionProperty().addListener(indexesChanged);
        load();
    }

    /** Indexes and the remembered columns, read off the FX thread. */
    private void load() {
        runner.run(TaskRequest.<Loaded>of("Opening the Retrieval pane", (p, c) -> {
            var infos = session.workbench().indexes().list();
            var saved = session.workbench().uiState().get(ColumnsState.SCOPE, ColumnsState.KEY)
                    .flatMap(ColumnsState::read).orElse(null);
            return new Loaded(infos, saved);
        }).unlisted().onSuccess(l -> {
            indexes.set(l.indexes());
            List<Column> initial = l.saved() != null ? l.saved() : indexes.defaultColumns();
            initial.stream().limit(MAX_COLUMNS).forEach(c -> columns.add(new ColumnViewModel(this, c)));
            while (columns.size() < MIN_COLUMNS) {
                columns.add(new ColumnViewModel(this, Column.of(null, "bm25:k1=1.2,b=0.75")));
            }
            ready = true;
            if (pendingOpen != null) {
                pendingOpen.run();
                pendingOpen = null;
            }
            search();
        }));
    }

    private record Loaded(List<IndexInfo> indexes, List<Column> saved) {
    }

    private void reloadIndexes() {
        search.invalidate();
        runner.run(TaskRequest.of("Listing indexes", (p, c) -> session.workbench().indexes().list()).unlisted()
                .onSuccess(infos -> {
                    indexes.set(infos);
                    search();
                }));
    }

    /** The embedder whose vectors {@code index} holds (null: the latest index); null when none or not known. */
    String embedderOf(String index) {
        return indexes.embedderOf(index);
    }

    boolean hasVectors(String index) {
        return indexes.hasVectors(index);
    }

    // ---- columns

    public void addColumn() {
        if (columns.size() >= MAX_COLUMNS) {
            return;
        }
        Column last = columns.isEmpty() ? Column.of(null, "bm25") : columns.getLast().validColumnOr(null);
        String index = last == null ? indexes.latest() : last.index();
        columns.add(new ColumnViewModel(this, Column.of(index, hasVectors(index) ? "hybrid-weighted" : "bm25:k1=1.2,b=0.75")));
        columnsChanged();
    }

    void removeColumn(ColumnViewModel column) {
        if (columns.size() > MIN_COLUMNS && columns.remove(column)) {
            columnsChanged();
        }
    }

    void moveColumn(ColumnViewModel column, int by) {
        int from = columns.indexOf(column);
        int to = from + by;
        if (from < 0 || to < 0 || to >= columns.size()) {
            return;
        }
        columns.remove(from);
        columns.add(to, column);
        columnsChanged();
    }

    void columnChanged(ColumnViewModel column) {
        columnsChanged();
    }

    private void columnsChanged() {
        persist();
        columnsRevision.set(columnsRevision.get() + 1);
        debouncer.request(this::search);
    }

    /** Counts the changes of the columns (added, removed, moved, a setting changed), for what follows them. */
    public ReadOnlyIntegerProperty columnsRevisionProperty() {
        return columnsRevision.getReadOnlyProperty();
    }

    private void persist() {
        var valid = new ArrayList<Column>();
        for (ColumnViewModel c : columns) {
            Column col = c.validColumnOr(null);
            if (col != null) {
                valid.add(col);
            }
        }
        String json = ColumnsState.write(valid);
        runner.run(TaskRequest.of("Remembering the columns", (p, c) -> {
            session.workbench().uiState().put(ColumnsState.SCOPE, ColumnsState.KEY, json);
            return null;
        }).unlisted());
    }

    /** The columns as specs, to paste into an experiment's {@code retrieval:} list. */
    public String specText() {
        return columns.stream().map(c -> "\"" + c.specText() + "\"").collect(Collectors.joining(", ",
                "retrieval: [ ", " ]"));
    }

    // ---- searching

    /** Searches the query now, cancelling the search still running; an empty query clears the columns. */
    public void search() {
        if (!ready) {
            return;
        }
        running.cancel();
        long gen = ++generation;
        String q = query.get() == null ? "" : query.get().strip();
        var shown = new ArrayList<ColumnViewModel>();
        var cols = new ArrayList<Column>();
        for (ColumnViewModel c : columns) {
            Column col = c.validColumn();
            if (col != null) {
                shown.add(c);
                cols.add(col);
            } else {
                c.setResult(null);
            }
        }
        if (q.isEmpty() || cols.isEmpty()) {
            columns.forEach(c -> c.setResult(null));
            searching.set(false);
            status.set(q.isEmpty() ? "" : "No column can search.");
            return;
        }
        searching.set(true);
        running = runner.run(TaskRequest.<QueryComparison>of("Searching " + q, (p, c) -> search.search(q, cols, c))
                .unlisted().silentErrors()
                .onSuccess(found -> {
                    if (gen != generation) {
                        return;
                    }
                    for (int i = 0; i < shown.size(); i++) {
                        shown.get(i).setResult(found.columns().get(i));
                        shown.get(i).setError("");
                    }
                    status.set("");
                })
                .onFailure(e -> {
                    if (gen == generation) {
                        status.set("Search failed: " + Errors.sentence(e));
                    }
                })
                .onFinished(() -> {
                    if (gen == generation) {
                        searching.set(false);
                    }
                }));
    }

    /** Marks {@code hit}'s document in every column and loads its details. */
    public void select(ColumnViewModel column, ColumnHit hit) {
        if (hit == null) {
            loadingDetails.cancel();
            selectedDoc.set(null);
            selectedHit.set(null);
            details.set(null);
            return;
        }
        selectedDoc.set(hit.docId());
        String q = query.get();
        selectedHit.set(new HitRef(column, hit, q));
        Column col = column.validColumnOr(null);
        ColumnResult shown = column.resultProperty().get();
        if (col == null || shown == null) {
            return;
        }
        loadingDetails.cancel();
        Column searched = shown.column();
        loadingDetails = runner.run(TaskRequest.of("Explaining " + hit.chunkId(),
                (p, c) -> search.details(searched, q, hit.luceneDoc())).unlisted().silentErrors()
                .onSuccess(d -> {
                    HitRef now = selectedHit.get();
                    if (now != null && now.hit().equals(hit)) {
                        details.set(d);
                    }
                })
                .onFailure(e -> status.set("Cannot explain " + hit.chunkId() + ": " + Errors.sentence(e))));
    }

    /** Another pane asks for a query: it replaces the query (and the first column's index or retriever, if given). */
    public void open(QueryRequest request) {
        if (!columns.isEmpty() && (request.index() != null || request.retriever() != null)) {
            var first = columns.getFirst();
            Column c = first.validColumnOr(Column.of(null, "bm25"));
            try {
                first.load(new Column(request.index() != null ? request.index() : c.index(),
                        request.retriever() != null ? RetrieverSpec.parse(request.retriever()) : c.retriever(), c.top()));
            } catch (IllegalArgumentException e) {
                status.set("Cannot use retriever " + request.retriever() + ": " + e.getMessage());
            }
            persist();
        }
        query.set(request.query());
        search();
    }

    /**
     * Shows an eval-set comparison made in another pane (base against tuned): its columns become this pane's and
     * its result the eval-set mode's, over {@code set}.
     */
    public void openComparison(EvalSet set, EvalComparison comparison) {
        if (!ready) {
            pendingOpen = () -> openComparison(set, comparison);
            return;
        }
        var opened = comparison.columns().stream().limit(MAX_COLUMNS)
                .map(c -> new ColumnViewModel(this, c.column().withIndex(c.index()))).toList();
        columns.setAll(opened);
        columnsChanged();
        eval.showComparison(set, comparison);
    }

    /**
     * Shows an eval-set query: its text, its relevant documents marked in every column, and that query's metrics
     * in each column's header.
     */
    void openEvalQuery(String text, Set<String> relevant, List<String> metricsPerColumn) {
        query.set(text);
        judgments.show(text, relevant, metricsPerColumn);
        search();
    }

    public void dispose() {
        session.indexesVersionProperty().removeListener(indexesChanged);
        running.cancel();
        loadingDetails.cancel();
        judgments.dispose();
        eval.dispose();
        // close once no task reads the indexes: on a runner thread, after what was submitted before
        runner.run(TaskRequest.of("Closing the Retrieval pane's indexes", (p, c) -> {
            search.close();
            return null;
        }).unlisted());
    }

    // ---- state

    SideBySideSearch sideBySide() {
        return search;
    }

    WorkspaceSession session() {
        return session;
    }

    TaskRunner runner() {
        return runner;
    }

    public EvalViewModel eval() {
        return eval;
    }

    /** Grading the shown query's hits into the chosen eval set (whose new grades re-score the headers). */
    public dev.ragworkbench.ui.retrieval.judging.GradingModel grading() {
        return judgments.grading();
    }

    public ObservableList<String> indexes() {
        return indexes.names();
    }

    /** The embedders a reranker can use: the bundled ones, then those of the workspace's indexes. */
    public ObservableList<String> embedders() {
        return indexes.embedders();
    }

    public StringProperty queryProperty() {
        return query;
    }

    public ObservableList<ColumnViewModel> columns() {
        return columns;
    }

    /** The columns' adapter choices. */
    public AdapterRuns adapters() {
        return adapters;
    }

    /** The document of the selected hit, marked in every column. */
    public ObjectProperty<String> selectedDocProperty() {
        return selectedDoc;
    }

    /** The selected hit with its column and query: what a grading control grades. */
    public ReadOnlyObjectProperty<HitRef> selectedHitProperty() {
        return selectedHit.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ChunkDetails> detailsProperty() {
        return details.getReadOnlyProperty();
    }

    /** Documents judged relevant for the query opened from an eval-set run; empty otherwise. */
    public ObservableSet<String> relevantDocs() {
        return relevantDocs;
    }

    public ReadOnlyBooleanProperty searchingProperty() {
        return searching.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }
}
