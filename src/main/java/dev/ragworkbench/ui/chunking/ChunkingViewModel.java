package dev.ragworkbench.ui.chunking;

import dev.ragworkbench.app.Workbench;
import dev.ragworkbench.chunking.ChunkerSpec;
import dev.ragworkbench.embedding.Embedders;
import dev.ragworkbench.ingest.CorpusInfo;
import dev.ragworkbench.ingest.Document;
import dev.ragworkbench.ui.common.Debouncer;
import dev.ragworkbench.format.Formats;
import dev.ragworkbench.ui.tasks.TaskHandle;
import dev.ragworkbench.ui.tasks.TaskRequest;
import dev.ragworkbench.ui.tasks.TaskRunner;
import dev.ragworkbench.evaluation.AnswerSpan;
import dev.ragworkbench.ui.workspace.WorkspaceSession;
import javafx.beans.InvalidationListener;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The Chunking preview: one document, up to three chunker settings side by side, each re-chunked in the
 * background; the eval sets' answer spans in that document as the evidence chunks should keep whole.
 */
public final class ChunkingViewModel {

    public static final int MAX_COLUMNS = 3;
    private static final List<ChunkerSpec> SUGGESTED = List.of(
            ChunkerSpec.parse("recursive:size=256,overlap=0"),
            ChunkerSpec.parse("fixed:size=128,overlap=32"),
            ChunkerSpec.parse("markdown:size=256"));

    private final WorkspaceSession session;
    private final TaskRunner runner;
    private final Debouncer debouncer;
    private final ObservableList<String> corpora = FXCollections.observableArrayList();
    private final ObjectProperty<String> corpus = new SimpleObjectProperty<>();
    private final ObservableList<DocumentRef> documents = FXCollections.observableArrayList();
    private final ObjectProperty<DocumentRef> documentRef = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<Document> document = new ReadOnlyObjectWrapper<>();
    private final ObservableList<AnswerSpan> evidence = FXCollections.observableArrayList();
    private final ObservableList<String> embedders = FXCollections.observableArrayList(Embedders.knownNames());
    private final ObjectProperty<String> embedder = new SimpleObjectProperty<>(Embedders.DEFAULT);
    private final IntegerProperty maxTokens = new SimpleIntegerProperty();
    private final ObservableList<ChunkColumnViewModel> columns = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final InvalidationListener documentsChanged = o -> reloadCorpora();
    private final ListChangeListener<Object> goldenSetsChanged = c -> locateEvidence();
    private final List<TaskHandle> tasks = new ArrayList<>();
    private TaskHandle loading = TaskHandle.DONE;

    public ChunkingViewModel(WorkspaceSession session, TaskRunner runner, Debouncer debouncer) {
        this.session = session;
        this.runner = runner;
        this.debouncer = debouncer;
        maxTokens.set(Embedders.spec(embedder.get()).maxTokens());
        embedder.addListener((o, a, b) -> {
            if (b != null) {
                maxTokens.set(Embedders.spec(b).maxTokens());
                rechunkAll();
            }
        });
        corpus.addListener((o, a, b) -> reloadDocuments());
        documentRef.addListener((o, a, b) -> loadDocument(b));
        session.documentsVersionProperty().addListener(documentsChanged);
        session.goldenSets().addListener(goldenSetsChanged);
        columns.add(new ChunkColumnViewModel(this, SUGGESTED.getFirst(), debouncer));
        reloadCorpora();
    }

    /** Adds a column with the next suggested setting; at most {@value #MAX_COLUMNS}. */
    public void addColumn() {
        if (columns.size() >= MAX_COLUMNS) {
            return;
        }
        var used = columns.stream().map(c -> c.specProperty().get()).toList();
        var next = SUGGESTED.stream().filter(s -> !used.contains(s)).findFirst().orElse(SUGGESTED.getFirst());
        var column = new ChunkColumnViewModel(this, next, debouncer);
        columns.add(column);
        column.rechunk();
    }

    void removeColumn(ChunkColumnViewModel column) {
        if (columns.size() > 1) {
            columns.remove(column);
        }
    }

    void buildIndex(ChunkerSpec spec) {
        String name = corpus.get();
        if (name == null || spec == null) {
            return;
        }
        var request = new Workbench.IndexRequest(name, spec, embedder.get());
        tasks.removeIf(TaskHandle::isDone);
        tasks.add(runner.run(TaskRequest.of("Indexing " + name + " with " + spec,
                (p, c) -> session.workbench().buildIndex(request, p, c)).onSuccess(info -> {
            status.set("Built index " + info.name() + ": " + Formats.counted(info.chunks(), "chunk") + " from "
                       + Formats.counted(info.documents(), "document") + ".");
            session.indexesChanged();
        })));
    }

    public void dispose() {
        session.documentsVersionProperty().removeListener(documentsChanged);
        session.goldenSets().removeListener(goldenSetsChanged);
        loading.cancel();
        columns.forEach(ChunkColumnViewModel::cancel);
        tasks.forEach(TaskHandle::cancel);
    }

    private void reloadCorpora() {
        var names = session.workbench().documents().corpora().stream().map(CorpusInfo::name).toList();
        corpora.setAll(names);
        if (corpus.get() == null || !names.contains(corpus.get())) {
            corpus.set(names.isEmpty() ? null : names.getFirst());
        } else {
            reloadDocuments();
        }
    }

    private void reloadDocuments() {
        String name = corpus.get();
        if (name == null) {
            documents.clear();
            documentRef.set(null);
            return;
        }
        runner.run(TaskRequest.of("Listing documents of " + name, (p, c) -> session.workbench().documents()
                .documents(name).stream().map(d -> new DocumentRef(d.id(), d.title()))
                .sorted(Comparator.comparing(DocumentRef::title, String.CASE_INSENSITIVE_ORDER)).toList())
                .unlisted().onSuccess(refs -> {
                    if (!Objects.equals(name, corpus.get())) {
                        return;
                    }
                    var keep = documentRef.get();
                    documents.setAll(refs);
                    documentRef.set(keep != null && refs.contains(keep) ? keep : preferred(refs));
                }));
    }

    /** The first document that has answer spans (most telling), else the first. */
    private DocumentRef preferred(List<DocumentRef> refs) {
        return refs.stream().filter(r -> !session.answersIn(r.id()).isEmpty()).findFirst()
                .orElse(refs.isEmpty() ? null : refs.getFirst());
    }

    private void loadDocument(DocumentRef ref) {
        loading.cancel();
        if (ref == null) {
            document.set(null);
            evidence.clear();
            rechunkAll();
            return;
        }
        String name = corpus.get();
        loading = runner.run(TaskRequest.of("Reading " + ref.title(),
                (p, c) -> session.workbench().documents().document(name, ref.id()).orElse(null))
                .unlisted().onSuccess(doc -> {
                    if (ref.equals(documentRef.get())) {
                        document.set(doc);
                        locateEvidence();
                    }
                }));
    }

    private void locateEvidence() {
        Document doc = document.get();
        if (doc == null) {
            evidence.clear();
        } else {
            evidence.setAll(session.answersIn(doc.id()).stream().map(a -> a.locateIn(doc.text()))
                    .filter(Objects::nonNull).sorted(Comparator.comparingInt(AnswerSpan::start)).toList());
        }
        rechunkAll();
    }

    private void rechunkAll() {
        columns.forEach(ChunkColumnViewModel::rechunk);
    }

    // ---- state

    public ObservableList<String> corpora() {
        return corpora;
    }

    public ObjectProperty<String> corpusProperty() {
        return corpus;
    }

    public ObservableList<DocumentRef> documents() {
        return documents;
    }

    public ObjectProperty<DocumentRef> documentRefProperty() {
        return documentRef;
    }

    public ReadOnlyObjectProperty<Document> document() {
        return document.getReadOnlyProperty();
    }

    public ObservableList<AnswerSpan> evidence() {
        return evidence;
    }

    public ObservableList<String> embedders() {
        return embedders;
    }

    public ObjectProperty<String> embedderProperty() {
        return embedder;
    }

    public IntegerProperty maxTokensProperty() {
        return maxTokens;
    }

    public ObservableList<ChunkColumnViewModel> columns() {
        return columns;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    TaskRunner runner() {
        return runner;
    }

    WorkspaceSession session() {
        return session;
    }
}
