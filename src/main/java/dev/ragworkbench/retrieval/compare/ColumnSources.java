package dev.ragworkbench.retrieval.compare;

import dev.ragworkbench.embedding.Embedder;
import dev.ragworkbench.index.ChunkIndex;
import dev.ragworkbench.ingest.DocumentStore;
import dev.ragworkbench.retrieval.Retriever;
import dev.ragworkbench.retrieval.RetrieverSpec;

/**
 * What a side-by-side comparison needs of the workspace: its indexes, retrievers over them, their embedders and
 * the documents chunks come from. The composition root ({@code app.Workbench}) implements it.
 */
public interface ColumnSources {

    /** Opens the index called {@code name}, or the most recently built one when null. */
    ChunkIndex openIndex(String name);

    /** A retriever over {@code index}, with the index's own embedder where the retriever needs one. */
    Retriever retriever(ChunkIndex index, RetrieverSpec spec);

    /** As {@link #retriever(ChunkIndex, RetrieverSpec)}, through the adapter trained in run {@code adapterRunId}. */
    Retriever retriever(ChunkIndex index, RetrieverSpec spec, String adapterRunId);

    /** The embedder called {@code name}, loaded once. */
    Embedder embedder(String name);

    DocumentStore documents();
}
