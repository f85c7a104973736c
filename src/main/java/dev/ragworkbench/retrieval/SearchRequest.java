package dev.ragworkbench.retrieval;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * One search: the query, how many chunks, and optionally the query's embedding to use instead of embedding the
 * text (an adapter transforms the embedder's query vector and passes it here). Retrievers without vectors
 * ignore the embedding; dense and hybrid ones use it for their dense side.
 *
 * @param query          the query text, which BM25 always needs
 * @param n              how many chunks, ≥ 1
 * @param queryEmbedding null to embed {@code query} with the index's embedder
 */
public record SearchRequest(String query, int n, float[] queryEmbedding) {

    public SearchRequest {
        Objects.requireNonNull(query, "query");
        if (n < 1) {
            throw new IllegalArgumentException("a search asks for at least 1 hit, not " + n);
        }
        queryEmbedding = queryEmbedding == null ? null : queryEmbedding.clone();
    }

    public static SearchRequest of(String query, int n) {
        return new SearchRequest(query, n, null);
    }

    public SearchRequest withQueryEmbedding(float[] vector) {
        return new SearchRequest(query, n, Objects.requireNonNull(vector, "vector"));
    }

    public SearchRequest withN(int newN) {
        return new SearchRequest(query, newN, queryEmbedding);
    }

    /** A copy of the override, if there is one. */
    @Override
    public float[] queryEmbedding() {
        return queryEmbedding == null ? null : queryEmbedding.clone();
    }

    public Optional<float[]> embeddingOverride() {
        return Optional.ofNullable(queryEmbedding());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SearchRequest r && n == r.n && query.equals(r.query)
                && Arrays.equals(queryEmbedding, r.queryEmbedding);
    }

    @Override
    public int hashCode() {
        return Objects.hash(query, n, Arrays.hashCode(queryEmbedding));
    }

    @Override
    public String toString() {
        return "SearchRequest[" + query + ", n=" + n + (queryEmbedding == null ? "" : ", own embedding") + "]";
    }
}
