package dev.ragworkbench.retrieval;

import java.util.List;

/**
 * Finds the chunks of one index that best answer a query. Implementations are thread-safe and apply their
 * parameters (BM25 k1 and b, fusion k, alpha) at search time, so one index serves every setting. Every
 * implementation passes {@code RetrieverContract}: ranks 1..n, best first, at most n hits, deterministic,
 * thread-safe, timings within their total, and an embedding override equal to embedding the query.
 */
public interface Retriever {

    /** The spec this retriever was made from, e.g. {@code bm25:k1=0.9,b=0.4}. */
    RetrieverSpec spec();

    /** The best {@code request.n()} chunks, best first, ranks 1..n, with the time each stage took. */
    SearchResult search(SearchRequest request);

    /** The best {@code n} chunks for {@code query}, best first, ranks 1..n. */
    default List<Hit> search(String query, int n) {
        return search(SearchRequest.of(query, n)).hits();
    }
}
