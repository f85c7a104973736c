package dev.ragworkbench.retrieval;

import java.util.Locale;

/** The timed stages of one search; a retriever reports only those it ran. */
public enum SearchStage {
    /** Embedding the query text (absent when the request carries its own query embedding). */
    EMBED,
    /** Looking up the index: BM25 scoring, the HNSW graph or an exact scan; both sides of a hybrid. */
    SEARCH,
    /** Fusing the lexical and dense rankings of a hybrid. */
    FUSION,
    /** Re-scoring the top hits with a reranker. */
    RERANK;

    /** The JSON key, e.g. {@code embed}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
