package dev.ragworkbench.ui.importing;

import dev.ragworkbench.index.IndexInfo;
import dev.ragworkbench.ingest.CorpusInfo;
import dev.ragworkbench.ingest.Document;
import dev.ragworkbench.ingest.ImportFailure;
import dev.ragworkbench.ingest.ImportPlan;
import dev.ragworkbench.ingest.ImportResult;
import dev.ragworkbench.progress.ThrottledProgress;
import dev.ragworkbench.format.Errors;
import dev.ragworkbench.format.Formats;
import dev.ragworkbench.ui.common.Tables.Shown;
import dev.ragworkbench.ui.tasks.TaskHandle;
import dev.ragworkbench.ui.tasks.TaskRequest;
import dev.ragworkbench.ui.tasks.TaskRunner;
import dev.ragworkbench.ui.workspace.WorkspaceSession;
import javafx.beans.InvalidationListener;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * State and commands of the Import pane: the workspace's corpora and documents, imports with their failures,
 * golden sets and indexes. Every core call runs through the {@link TaskRunner}.
 */
public final class ImportViewModel {

    /** How often an import or a token count reports progress to the FX thread at most. */
    static final Duration PROGRESS_INTERVAL = Duration.ofMillis(200);
    /** From how many rows a table fill is heavy enough to count tokens only after the table has shown them. */
    private static final int MANY_ROWS = 200;

    private final WorkspaceSession session;
    private final TaskRunner runner;

    private final ObservableList<String> corpora = FXCollections.observableArrayList();
    private final ObjectProperty<String> corpus = new SimpleObjectProperty<>();
    private final ObservableList<DocumentRow> documents = FXCollections.observableArrayList();
    private final FilteredList<DocumentRow> filteredDocuments = new FilteredList<>(documents);
    private final StringProperty filter = new SimpleStringProperty("");
    private final ObjectProperty<DocumentRow> selected = new SimpleObjectProperty<>();
    private final ObservableList<ImportFailure> failures = FXCollections.observableArrayList();
    private final ObservableList<IndexInfo> indexes = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final IntegerProperty runningImports = new SimpleIntegerProperty();
    private final List<TaskHandle> tasks = new ArrayList<>();
    private final EvalSetsViewModel evalSets;
    private final InvalidationListener documentsChanged = o -> reloadCorpora();
    private final InvalidationListener indexesChanged = o -> reloadIndexes();
    private final ReadOnlyIntegerWrapper tokensCounted = new ReadOnlyIntegerWrapper();
    private TaskHandle loading = TaskHandle.DONE;
    private TaskHandle counting = TaskHandle.DONE;
    /** Which listing of the corpora is the latest: an older one that ends later is dropped. */
    private int listings;
    /** The corpus an import just went into, selected once the corpora are listed again; null when none. */
    private String justImported;
    /** Which reading of the documents is the latest: a token count meant for an older one does not start. */
    private int loads;
    /** Runs an action once the table has laid out the rows it was just given; see {@link #setAfterRowsShown}. */
    private Consumer<Runnable> afterRowsShown = Runnable::run;

    public ImportViewModel(WorkspaceSession session, TaskRunner runner) {
        this.session = session;
        this.runner = runner;
        this.evalSets = new EvalSetsViewModel(session, runner, status::set, corpus::get);
        filter.addListener(o -> {
            String f = filter.get() == null ? "" : filter.get().strip().toLowerCase(Locale.ROOT);
            filteredDocuments.setPredicate(r -> r.matches(f));
        });
        corpus.addListener((o, a, b) -> reloadDocuments());
        session.documentsVersionProperty().addListener(documentsChanged);
        session.indexesVersionProperty().addListener(indexesChanged);
        reloadCorpora();
        reloadIndexes();
    }

    // ---- state

    public ObservableList<String> corpora() {
        return corpora;
    }

    public ObjectProperty<String> corpusProperty() {
        return corpus;
    }

    /** Every document of the selected corpus. */
    public ObservableList<DocumentRow> documents() {
        return documents;
    }

    /** The documents the filter lets through; the table sorts these. */
    public FilteredList<DocumentRow> filteredDocuments() {
        return filteredDocuments;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public ObjectProperty<DocumentRow> selectedProperty() {
        return selected;
    }

    public ObservableList<ImportFailure> failures() {
        return failures;
    }

    /** The eval sets' imports and removal. */
    public EvalSetsViewModel evalSets() {
        return evalSets;
    }

    public ObservableList<IndexInfo> indexes() {
        return indexes;
    }

    /**
     * Counts up each time token counts arrive. They are set in the rows in place, which a sorted list does not
     * notice, so a table sorted by tokens sorts again on this.
     */
    public ReadOnlyIntegerProperty tokensCountedProperty() {
        return tokensCounted.getReadOnlyProperty();
    }

    /** What the last import did, in one sentence. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public BooleanBinding importingProperty() {
        return Bindings.greaterThan(runningImports, 0);
    }

    /**
     * Sets how to wait for the table to lay out new rows before counting their tokens; the view passes the next
     * pulse of its scene. Without a view (tests, the same-thread runner) the count starts at once.
     */
    public void setAfterRowsShown(Consumer<Runnable> afterRowsShown) {
        this.afterRowsShown = Objects.requireNonNull(afterRowsShown);
    }

    // ---- commands

    /**
     * Imports each path (a file or a folder) into the selected corpus, or a new one named after it; files dropped
     * together with no corpus selected go into one corpus named after their folder ({@link ImportPlan}). One drop
     * is one task, however many files it holds: a task per file made the status bar build a row per file and
     * every finished file reload the corpora and the table, which froze the window for seconds on a 1,000-file
     * drop. The command line's {@code import PATH... [--corpus NAME]} makes the same core call.
     */
    public void importPaths(List<Path> paths) {
        if (paths.isEmpty()) {
            return;
        }
        importPlanned(paths, corpus.get(), "Importing ");
    }

    /** {@link #importPaths} with the corpus named by the caller (null: planned from the paths). */
    private void importPlanned(List<Path> paths, String into, String verb) {
        String label = ImportPlan.label(paths);
        // the corpus the import goes into, named first thing in the task so that a cancelled or failed import
        // still shows what it kept; planning looks at every path on disk, which for a drop of thousands of files
        // is not for the FX thread
        var target = new AtomicReference<>(into);
        runningImports.set(runningImports.get() + 1);
        var outcome = new String[1];
        track(runner.run(TaskRequest.<ImportResult>of(verb + label, (fxProgress, cancel) -> {
                    var progress = new ThrottledProgress(fxProgress, PROGRESS_INTERVAL);
                    var plan = ImportPlan.of(paths, into);
                    target.set(plan.corpus());
                    var result = session.workbench().importPaths(plan, progress, cancel);
                    session.workbench().defaultTokenizer();  // see countTokens
                    return result;
                })
                .onSuccess(result -> outcome[0] = ImportPlan.summary(label, result))
                .onFailure(e -> outcome[0] = verb + label + " failed: " + Errors.sentence(e))
                .onFinished(() -> {
                    runningImports.set(runningImports.get() - 1);
                    String shown = target.get();
                    status.set(outcome[0] != null ? outcome[0]
                            : shown == null ? "Import of " + label + " cancelled before it began."
                            : "Import of " + label + " cancelled; documents read before stay in " + shown + ".");
                    // selected when the corpora are listed again (a cancelled first import may have made none)
                    justImported = shown;
                    session.documentsChanged();
                })));
    }

    /**
     * Imports the selected corpus's source again: unchanged files are skipped, failed ones are read again (the
     * command line's {@code import --retry-failed --corpus NAME}).
     */
    public void retryFailures() {
        String name = corpus.get();
        if (name == null) {
            return;
        }
        session.workbench().documents().corpus(name).map(CorpusInfo::source).map(Path::of)
                .ifPresent(source -> importPlanned(List.of(source), name, "Retrying failed files of "));
    }

    /** Deletes documents from the selected corpus (the view asks for confirmation first). */
    public void deleteDocuments(List<DocumentRow> rows) {
        String name = corpus.get();
        var ids = rows.stream().map(DocumentRow::id).toList();
        if (name == null || ids.isEmpty()) {
            return;
        }
        track(runner.run(TaskRequest.of("Removing " + Formats.counted(ids.size(), "document"),
                        (fxProgress, cancel) -> session.workbench().removeDocuments(name, ids,
                                new ThrottledProgress(fxProgress, PROGRESS_INTERVAL), cancel))
                .onSuccess(n -> status.set("Removed " + Formats.counted(n, "document") + "."))
                .onFinished(session::documentsChanged)));
    }

    /** Deletes an index with its chunk rows, as {@code indexes delete NAME} does. */
    public void deleteIndex(IndexInfo index) {
        track(runner.run(TaskRequest.of("Deleting index " + index.name(), (p, c) -> {
            session.workbench().deleteIndex(index.name());
            return index;
        }).onFinished(session::indexesChanged)));
    }

    /** Builds the index again with its own settings, as {@code indexes rebuild NAME} does. */
    public void rebuildIndex(IndexInfo index) {
        track(runner.run(TaskRequest.of("Rebuilding " + index.name(),
                (p, c) -> session.workbench().rebuildIndex(index.name(), p, c)).onFinished(session::indexesChanged)));
    }

    /** Cancels this pane's work and stops listening to the session. */
    public void dispose() {
        listings++;  // a listing still running shows nothing
        session.documentsVersionProperty().removeListener(documentsChanged);
        session.indexesVersionProperty().removeListener(indexesChanged);
        loading.cancel();
        counting.cancel();
        tasks.forEach(TaskHandle::cancel);
        evalSets.dispose();
    }

    // ---- loading

    /**
     * Lists the corpora in the background (a query with a count per corpus: not for the FX thread, which it held
     * when an import ended), then shows the one an import just went into, else the selected one, else the first.
     */
    private void reloadCorpora() {
        int listing = ++listings;
        runner.run(TaskRequest.<List<String>>of("Listing corpora", (progress, cancel) ->
                        session.workbench().documents().corpora().stream().map(CorpusInfo::name).toList())
                .unlisted().onSuccess(names -> {
                    if (listing == listings) {
                        showCorpora(names);
                    }
                }));
    }

    private void showCorpora(List<String> names) {
        String preferred = justImported;
        justImported = null;
        if (!corpora.equals(names)) {
            corpora.setAll(names);
        }
        String show = preferred != null && names.contains(preferred) ? preferred
                : corpus.get() != null && names.contains(corpus.get()) ? corpus.get()
                : names.isEmpty() ? null : names.getFirst();
        if (Objects.equals(show, corpus.get())) {
            reloadDocuments();
        } else {
            corpus.set(show);  // which reloads the documents
        }
    }

    private void reloadIndexes() {
        track(runner.run(TaskRequest.of("Listing indexes", (p, c) -> session.workbench().indexes().list())
                .unlisted().onSuccess(indexes::setAll)));
    }

    /**
     * Reads the selected corpus's documents and failures in the background and shows them, then counts the tokens
     * of documents not counted before (a tokenizer pass over every text: seconds for thousands of documents) in a
     * second task, so the table fills at once and its Tokens column follows.
     */
    public void reloadDocuments() {
        String name = corpus.get();
        int load = ++loads;
        loading.cancel();
        counting.cancel();
        if (name == null) {
            documents.clear();
            failures.clear();
            return;
        }
        record Loaded(List<DocumentRow> rows, List<ImportFailure> failures) {
        }
        loading = runner.run(TaskRequest.<Loaded>of("Loading " + name, (progress, cancel) -> {
            // the rows print their cells here, off the FX thread
            var store = session.workbench().documents();
            List<Document> docs = store.documents(name);
            Map<String, Instant> times = store.importTimes(name);
            var rows = new ArrayList<DocumentRow>(docs.size());
            for (Document d : docs) {
                rows.add(new DocumentRow(d, session.workbench().countedTokens(d).orElse(DocumentRow.UNCOUNTED),
                        times.get(d.id())));
            }
            return new Loaded(rows, store.failures(name));
        }).unlisted().onSuccess(loaded -> {
            if (!Objects.equals(name, corpus.get())) {
                return;
            }
            show(loaded.rows());
            if (!failures.equals(loaded.failures())) {
                failures.setAll(loaded.failures());
            }
            var uncounted = loaded.rows().stream().filter(r -> r.tokens() == DocumentRow.UNCOUNTED).toList();
            if (uncounted.size() >= MANY_ROWS) {
                // a tokenizer pass started at once took a core from the table's first layout of these rows (on
                // two cores it doubled it): count once they are on screen
                afterRowsShown.accept(() -> {
                    if (load == loads) {
                        countTokens(name, uncounted);
                    }
                });
            } else if (!uncounted.isEmpty()) {
                countTokens(name, uncounted);
            }
        }));
    }

    /**
     * Counts the tokens of {@code rows} in the background and sets them in the rows, all at once. The first count
     * loads the tokenizer (a few hundred milliseconds of CPU); an import loads it at its end, since a count
     * follows every import, so that the load does not compete with the FX thread while the table fills.
     */
    private void countTokens(String name, List<DocumentRow> rows) {
        counting = runner.run(TaskRequest.<List<Shown<Long>>>of("Counting tokens in " + name, (fxProgress, cancel) -> {
            var progress = new ThrottledProgress(fxProgress, PROGRESS_INTERVAL);
            var counts = new ArrayList<Shown<Long>>(rows.size());
            int done = 0;
            for (DocumentRow r : rows) {
                cancel.check();
                counts.add(DocumentRow.tokensShown(session.workbench().tokenCount(r.document())));
                progress.progress("counting tokens", ++done, rows.size());
            }
            return counts;
        }).unlisted().onSuccess(counts -> {
            if (!Objects.equals(name, corpus.get())) {
                return;
            }
            for (int i = 0; i < rows.size(); i++) {
                rows.get(i).setTokens(counts.get(i));
            }
            tokensCounted.set(tokensCounted.get() + 1);
        }));
    }

    /** Replaces the rows in one change, keeping the selected document selected. */
    private void show(List<DocumentRow> rows) {
        String keep = selected.get() == null ? null : selected.get().id();
        documents.setAll(rows);
        selected.set(keep == null ? null : rows.stream().filter(r -> r.id().equals(keep)).findFirst().orElse(null));
    }

    private void track(TaskHandle handle) {
        tasks.removeIf(TaskHandle::isDone);
        if (!handle.isDone()) {
            tasks.add(handle);
        }
    }
}
