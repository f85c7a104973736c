package dev.ragworkbench.experiment;

import dev.ragworkbench.chunking.ChunkerSpec;
import dev.ragworkbench.embedding.Embedder;
import dev.ragworkbench.evaluation.EvalSet;
import dev.ragworkbench.generation.ChatClient;
import dev.ragworkbench.generation.ChatModelSettings;
import dev.ragworkbench.index.ChunkIndex;
import dev.ragworkbench.index.IndexInfo;
import dev.ragworkbench.ingest.ImportFormat;
import dev.ragworkbench.ingest.ImportResult;
import dev.ragworkbench.progress.Cancellation;
import dev.ragworkbench.progress.ProgressListener;
import dev.ragworkbench.retrieval.Retriever;
import dev.ragworkbench.retrieval.RetrieverSpec;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What {@link ExperimentRunner} needs of the workspace: corpora, indexes and retrievers. The composition root
 * ({@code app.Workbench}) implements it, so the runner, a core class, does not depend on the app.
 */
public interface ExperimentResources {

    /** Imports files or a BEIR corpus into the corpus {@code corpusName} (derived from the path when null). */
    ImportResult importCorpus(Path path, ImportFormat format, String corpusName, ProgressListener progress,
                              Cancellation cancel);

    /** The texts of {@code corpus}'s documents by id: what an eval set matched against a corpus reads. */
    Map<String, String> documentTexts(String corpus);

    /** The eval set stored under {@code name} (a spec's {@code evalSet: {stored: NAME}}). */
    EvalSet storedEvalSet(String name);

    /**
     * The index of {@code corpus} cut by {@code chunker} and embedded by {@code embedder} ({@code none} for BM25
     * only): the existing one when it was built with these settings and the corpus has not changed, else a new
     * build.
     */
    IndexInfo ensureIndex(String corpus, ChunkerSpec chunker, String embedder, boolean corpusChanged,
                          ProgressListener progress, Cancellation cancel);

    /** Opens the index called {@code name}. */
    ChunkIndex openIndex(String name);

    /** A retriever over {@code index}, with the index's own embedder where the retriever needs one. */
    Retriever retriever(ChunkIndex index, RetrieverSpec spec);

    /** The embedder called {@code name} (a built-in model or a model folder), opened once and shared. */
    Embedder embedder(String name);

    /**
     * As {@link #retriever(ChunkIndex, RetrieverSpec)}, with the query vectors going through the adapter trained in
     * run {@code adapterRunId}; null for none.
     */
    Retriever retriever(ChunkIndex index, RetrieverSpec spec, String adapterRunId);

    /**
     * The chat model stored in the workspace under {@code name} (a spec's {@code models: [NAME]}).
     *
     * @throws IllegalArgumentException "no stored model NAME …" when there is none
     */
    ChatModelSettings chatModel(String name);

    /** The models stored in the workspace, by name, for pickers. */
    List<ChatModelSettings> storedChatModels();

    /**
     * A client for {@code settings}: its concurrency limit, timeout, retries, breaker and the workspace's call
     * cache, which {@code fresh} bypasses for answers (new answers are still written to it).
     *
     * @throws IllegalArgumentException when the model cannot be used as set up (a malformed predictions file)
     */
    ChatClient chatClient(ChatModelSettings settings, boolean fresh);
}
