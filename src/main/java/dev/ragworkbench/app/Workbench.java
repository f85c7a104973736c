package dev.ragworkbench.app;

import dev.ragworkbench.evaluation.EvalSet;
import dev.ragworkbench.evaluation.EvalSetStore;
import dev.ragworkbench.experiment.ExperimentResources;
import dev.ragworkbench.experiment.FineTuning;
import dev.ragworkbench.experiment.HitAnswers;
import dev.ragworkbench.experiment.store.RunStore;
import dev.ragworkbench.report.ReportBuilder;
import dev.ragworkbench.report.WorkspaceTexts;
import dev.ragworkbench.chunking.Chunker;
import dev.ragworkbench.chunking.ChunkerKind;
import dev.ragworkbench.chunking.ChunkerSpec;
import dev.ragworkbench.chunking.Chunkers;
import dev.ragworkbench.embedding.CachingEmbedder;
import dev.ragworkbench.embedding.Embedder;
import dev.ragworkbench.embedding.Embedders;
import dev.ragworkbench.embedding.OnnxCrossEncoder;
import dev.ragworkbench.embedding.TextTokenizer;
import dev.ragworkbench.evaluation.ComparisonService;
import dev.ragworkbench.evaluation.AnswerMetrics;
import dev.ragworkbench.generation.ChatClient;
import dev.ragworkbench.generation.ChatModelSettings;
import dev.ragworkbench.evaluation.RunValues;
import dev.ragworkbench.generation.ApiKeys;
import dev.ragworkbench.generation.ChatCallCache;
import dev.ragworkbench.generation.ChatModelStore;
import dev.ragworkbench.generation.ChatPolicy;
import dev.ragworkbench.generation.WorkspaceChatClients;
import dev.ragworkbench.index.ChunkIndex;
import dev.ragworkbench.index.IndexInfo;
import dev.ragworkbench.index.IndexSettings;
import dev.ragworkbench.index.Indexes;
import dev.ragworkbench.index.TextAnalyzers;
import dev.ragworkbench.ingest.Document;
import dev.ragworkbench.ingest.DocumentStore;
import dev.ragworkbench.ingest.ImportFormat;
import dev.ragworkbench.ingest.ImportPlan;
import dev.ragworkbench.ingest.ImportResult;
import dev.ragworkbench.progress.Cancellation;
import dev.ragworkbench.progress.ProgressListener;
import dev.ragworkbench.retrieval.AdaptedRetriever;
import dev.ragworkbench.retrieval.Reranker;
import dev.ragworkbench.retrieval.RerankerSpec;
import dev.ragworkbench.retrieval.Retriever;
import dev.ragworkbench.retrieval.RetrieverSpec;
import dev.ragworkbench.retrieval.compare.ColumnSources;
import dev.ragworkbench.retrieval.Retrievers;
import dev.ragworkbench.retrieval.rerank.Rerankers;
import dev.ragworkbench.sample.SampleWorkspace;
import dev.ragworkbench.workspace.UiStateStore;
import dev.ragworkbench.workspace.Workspace;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The composition root: one open workspace and the objects that work on it. The command line and the desktop
 * app both go through here, so neither holds logic the other lacks. Embedders are loaded once and shared,
 * each wrapped in the workspace's embedding cache. Commands and views take their stores from here and never
 * construct their own.
 */
public final class Workbench implements AutoCloseable, ExperimentResources, ColumnSources {

    private final Workspace workspace;
    private final DocumentStore documents;
    private final Indexes indexes;
    private final EvalSetStore evalSets;
    private final RunStore runs;
    private final UiStateStore uiState;
    private final ChatModelStore chatModels;
    private WorkspaceChatClients chatClients;
    private final Map<String, Embedder> embedders = new ConcurrentHashMap<>();
    private final Map<Path, OnnxCrossEncoder> crossEncoders = new ConcurrentHashMap<>();
    private final IndexOperations indexOps = new IndexOperations(this);
    private final DocumentOperations documentOps = new DocumentOperations(this);

    private Workbench(Workspace workspace) {
        this.workspace = workspace;
        this.documents = new DocumentStore(workspace);
        this.indexes = new Indexes(workspace.indexesDir());
        this.evalSets = new EvalSetStore(workspace, this::documentTexts);
        this.runs = new RunStore(workspace);
        this.uiState = new UiStateStore(workspace);
        this.chatModels = new ChatModelStore(workspace);
    }

    public static Workbench open(Path workspaceDir) {
        return new Workbench(Workspace.open(workspaceDir));
    }

    public Workspace workspace() {
        return workspace;
    }

    public DocumentStore documents() {
        return documents;
    }

    public Indexes indexes() {
        return indexes;
    }

    /** The run store: experiments, runs, their results and artifacts. */
    public RunStore runs() {
        return runs;
    }

    /** What the window's panes remember in this workspace (columns, layouts, chosen metrics). */
    public UiStateStore uiState() {
        return uiState;
    }

    /** The chat models kept in this workspace (their settings; keys stay in the environment or the keys file). */
    public ChatModelStore chatModels() {
        return chatModels;
    }

    /**
     * Opens chat clients for models: the workspace's call cache, the user's keys, the default retry and breaker
     * policy. Made on first use (it holds an HTTP client), closed with the workbench.
     */
    public synchronized WorkspaceChatClients chatClients() {
        if (chatClients == null) {
            chatClients = new WorkspaceChatClients(new ChatCallCache(workspace), ApiKeys.standard(), ChatPolicy.DEFAULT);
        }
        return chatClients;
    }

    /** The eval sets kept in this workspace. */
    public EvalSetStore evalSets() {
        return evalSets;
    }

    @Override
    public EvalSet storedEvalSet(String name) {
        return evalSets.get(name);
    }

    /** The texts of {@code corpus}'s documents by id, in the store's order. */
    @Override
    public Map<String, String> documentTexts(String corpus) {
        var texts = new LinkedHashMap<String, String>();
        documents.forEachDocument(corpus, d -> texts.put(d.id(), d.text()));
        return texts;
    }

    /** The embedder called {@code name} (or held in that folder), cached in this workspace; loaded once. */
    @Override
    public Embedder embedder(String name) {
        return embedders.computeIfAbsent(name, n -> new CachingEmbedder(Embedders.open(n), workspace));
    }

    /** Imports files or a BEIR corpus into the corpus {@code corpusName} (derived from the path when null). */
    @Override
    public ImportResult importCorpus(Path path, ImportFormat format, String corpusName, ProgressListener progress,
                                     Cancellation cancel) {
        return documentOps.importCorpus(path, format, corpusName, progress, cancel);
    }

    /**
     * Imports several files or folders (the window's drop, {@code import PATH...}) as {@code plan} says: one
     * path with {@code progress} as it goes, several counted path by path. Cancelling keeps what was read.
     */
    public ImportResult importPaths(ImportPlan plan, ProgressListener progress, Cancellation cancel) {
        return documentOps.importPaths(plan, progress, cancel);
    }

    /**
     * Imports {@code corpus}'s source again: unchanged files are skipped, the ones that failed are read again
     * (and fail again, listed, if nothing changed).
     */
    public ImportResult retryFailed(String corpus, ProgressListener progress, Cancellation cancel) {
        return documentOps.retryFailed(corpus, progress, cancel);
    }

    /** Removes documents from {@code corpus}; returns how many were there. Indexes keep them until rebuilt. */
    public int removeDocuments(String corpus, List<String> ids, ProgressListener progress, Cancellation cancel) {
        return documentOps.removeDocuments(corpus, ids, progress, cancel);
    }

    /** Whether this workspace is new and the window should seed the sample (see {@link SampleWorkspace}). */
    public boolean needsSample() {
        return SampleWorkspace.needsSeeding(documents, workspace.root());
    }

    /** Copies the sample into the workspace, imports its documents and registers its golden set. */
    public EvalSet seedSample(ProgressListener progress, Cancellation cancel) {
        return documentOps.seedSample(progress, cancel);
    }

    /** Builds the sample's index: recursive chunks of the default embedder's tokens, with vectors. */
    public IndexInfo buildSampleIndex(ProgressListener progress, Cancellation cancel) {
        return buildIndex(new IndexRequest(SampleWorkspace.CORPUS, SampleWorkspace.CHUNKER, Embedders.DEFAULT),
                progress, cancel);
    }

    /** What to build: a corpus cut by a chunker and embedded by an embedder ({@code none} for BM25 only). */
    public record IndexRequest(String corpus, ChunkerSpec chunker, String embedder, String analyzer) {
        public IndexRequest(String corpus, ChunkerSpec chunker, String embedder) {
            this(corpus, chunker, embedder, TextAnalyzers.DEFAULT);
        }

        public boolean hasEmbedder() {
            return !IndexSettings.NO_EMBEDDER.equals(embedder);
        }
    }


    /** Builds (or rebuilds) the index for {@code request}; cached embeddings make a rebuild cheap. */
    public IndexInfo buildIndex(IndexRequest request, ProgressListener progress, Cancellation cancel) {
        return indexOps.buildIndex(request, progress, cancel);
    }

    /**
     * The index for {@code request}: the existing one when it was built with exactly these settings from the
     * corpus as it is now, otherwise an update or a new build (see {@link #refreshIndex}).
     *
     * @param corpusChanged whether the caller knows the corpus changed; only consulted for indexes built before
     *                      indexes recorded their corpus's fingerprint
     */
    public IndexInfo ensureIndex(IndexRequest request, boolean corpusChanged, ProgressListener progress,
                                 Cancellation cancel) {
        return indexOps.ensureIndex(request, corpusChanged, progress, cancel);
    }

    /** What {@link #refreshIndex} did to the index. */
    public enum IndexAction { CURRENT, UPDATED, BUILT }

    /** The index {@link #refreshIndex} left, and what it did. */
    public record IndexOutcome(IndexInfo info, IndexAction action) {
    }

    /**
     * Brings the index for {@code request} up to date the cheapest way: nothing when it was built with these
     * settings from the corpus as it is now; an update in place when only some documents changed, came or went;
     * otherwise a full build. Under the index's write lock: a second writer waits its turn.
     */
    public IndexOutcome refreshIndex(IndexRequest request, ProgressListener progress, Cancellation cancel) {
        return indexOps.refreshIndex(request, progress, cancel);
    }

    /**
     * The index for {@code request} when the last {@code index} run refreshed it from this very source file and
     * the corpus has not changed since; empty for folders, other files, or anything changed.
     */
    public Optional<IndexInfo> indexCurrentFor(Path source, IndexRequest request) {
        return indexOps.indexCurrentFor(source, request);
    }

    /** Records that {@code index} is current for {@code source} as imported now (see {@link #indexCurrentFor}). */
    public void recordIndexSource(IndexInfo index, Path source) {
        indexOps.recordIndexSource(index, source);
    }

    @Override
    public IndexInfo ensureIndex(String corpus, ChunkerSpec chunker, String embedder, boolean corpusChanged,
                                 ProgressListener progress, Cancellation cancel) {
        return ensureIndex(new IndexRequest(corpus, chunker, embedder), corpusChanged, progress, cancel);
    }

    /** The settings (and so the name) an index built for {@code request} has. */
    public IndexSettings settingsFor(IndexRequest request) {
        return indexOps.settingsFor(request);
    }

    /** Builds the index called {@code name} again with its own settings (cached embeddings make this quick). */
    public IndexInfo rebuildIndex(String name, ProgressListener progress, Cancellation cancel) {
        return indexOps.rebuildIndex(name, progress, cancel);
    }

    /** Deletes an index: its folder and its chunk rows. The documents stay. */
    public void deleteIndex(String name) {
        indexOps.deleteIndex(name);
    }

    /**
     * The chunker for {@code spec}, measuring in the tokens of {@code embedderName}'s model. Without an embedder
     * ({@code none}) sizes are counted in the default model's tokens, and only semantic chunking loads a model.
     */
    public Chunker chunker(ChunkerSpec spec, String embedderName) {
        boolean none = IndexSettings.NO_EMBEDDER.equals(embedderName);
        if (spec.kind() == ChunkerKind.SEMANTIC) {
            return Chunkers.create(spec, embedder(none ? Embedders.DEFAULT : embedderName));
        }
        return Chunkers.create(spec, none ? defaultTokenizer() : embedder(embedderName).tokenizer());
    }

    /**
     * The length of {@code doc} in the default model's tokens, the unit chunk sizes are given in when no embedder
     * is named; counted once per content in this workbench.
     */
    public int tokenCount(Document doc) {
        return documentOps.tokenCount(doc);
    }

    /** {@link #tokenCount} if this workbench has counted {@code doc}'s content before, else empty. */
    public OptionalInt countedTokens(Document doc) {
        return documentOps.countedTokens(doc);
    }

    /** The default model's tokenizer, loaded on first use (a few hundred milliseconds of CPU). */
    public TextTokenizer defaultTokenizer() {
        return documentOps.defaultTokenizer();
    }

    /** Opens the index called {@code name}, or the most recently built one when null. */
    @Override
    public ChunkIndex openIndex(String name) {
        return ChunkIndex.open(indexes.resolve(name));
    }

    /**
     * The comparison of two stored runs, read from the run store (the one comparison the command line, the panes
     * and the reports use).
     */
    public ComparisonService comparisons() {
        var store = runs();
        return new ComparisonService(RunValues.of(id -> store.run(id).params(), store::queryMetricNames,
                store::queryMetrics), AnswerMetrics.registry());
    }

    /** Reports of stored runs, with the comparison service's numbers and the workspace's query and document texts. */
    public ReportBuilder reports() {
        return new ReportBuilder(runs, comparisons(), new WorkspaceTexts(runs, documents, indexes, this::storedEvalSet),
                Clock.systemUTC());
    }

    /** A retriever over {@code index}, with the index's own embedder where the retriever needs one. */
    @Override
    public Retriever retriever(ChunkIndex index, RetrieverSpec spec) {
        Embedder embedder = spec.kind().needsVectors() && index.settings().hasVectors()
                ? embedder(index.settings().embedder()) : null;
        return Retrievers.create(spec, index, embedder, this::reranker);
    }

    /** The reranker {@code spec} names: its embedder or cross-encoder loaded once in this workbench. */
    public Reranker reranker(RerankerSpec spec) {
        return Rerankers.create(spec, this::embedder, folder -> crossEncoders.computeIfAbsent(folder, OnnxCrossEncoder::open));
    }

    /**
     * A retriever over {@code index} whose query vectors go through the adapter trained in run
     * {@code adapterRunId} (null for none). The index must hold the vectors of the embedder it was trained on.
     */
    @Override
    public Retriever retriever(ChunkIndex index, RetrieverSpec spec, String adapterRunId) {
        Retriever base = retriever(index, spec);
        if (adapterRunId == null) {
            return base;
        }
        var trained = fineTuning().adapter(adapterRunId, index.settings().embedder());
        return new AdaptedRetriever(base, embedder(trained.embedder()), trained.adapter()::apply, adapterRunId);
    }

    /** Trains embedding adapters and reads them back, recording each as a run. */
    public FineTuning fineTuning() {
        return new FineTuning(this, runs);
    }

    /** Answers a question from a retriever's hits with a stored model, as an answer spec would prompt it. */
    public HitAnswers hitAnswers() {
        return new HitAnswers(this);
    }

    /** The chat model stored under {@code name} (a spec's {@code models: [NAME]}). */
    @Override
    public ChatModelSettings chatModel(String name) {
        return chatModels.find(name).orElseThrow(() -> new IllegalArgumentException("no stored model " + name
                + " in this workspace; 'models add' stores one, or give it inline in the spec"));
    }

    @Override
    public List<ChatModelSettings> storedChatModels() {
        return chatModels.list();
    }

    /** A client through {@link #chatClients()}; a malformed predictions file is bad input, named by file and line. */
    @Override
    public ChatClient chatClient(ChatModelSettings settings, boolean fresh) {
        try {
            return chatClients().open(settings, fresh);
        } catch (UncheckedIOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (chatClients != null) {
                chatClients.close();
            }
        }
        embedders.values().forEach(Embedder::close);
        crossEncoders.values().forEach(OnnxCrossEncoder::close);
        workspace.close();
    }
}
