package dev.ragworkbench.retrieval;

import dev.ragworkbench.embedding.Embedder;

import java.util.function.UnaryOperator;

/**
 * A dense or hybrid retriever whose query vector goes through an embedding adapter: the base embedder embeds the
 * query, the adapter transforms it, and the inner retriever searches with it as the request's query embedding.
 * Documents are not transformed, so the index of the base embedder serves unchanged. The adapter's time counts
 * as the {@code embed} stage.
 */
public final class AdaptedRetriever implements Retriever {

    private final Retriever inner;
    private final Embedder embedder;
    private final UnaryOperator<float[]> adapter;
    private final String adapterId;

    /**
     * @param adapterId what the adapter is known by (its run id), for {@link #toString()} and messages
     */
    public AdaptedRetriever(Retriever inner, Embedder embedder, UnaryOperator<float[]> adapter, String adapterId) {
        if (!inner.spec().kind().needsVectors()) {
            throw new IllegalArgumentException("an adapter changes query vectors; retriever " + inner.spec()
                    + " uses none");
        }
        this.inner = inner;
        this.embedder = embedder;
        this.adapter = adapter;
        this.adapterId = adapterId;
    }

    @Override
    public RetrieverSpec spec() {
        return inner.spec();
    }

    public String adapterId() {
        return adapterId;
    }

    @Override
    public SearchResult search(SearchRequest request) {
        if (request.queryEmbedding() != null) {
            return inner.search(request);
        }
        var clock = new SearchTimings.Clock();
        float[] vector = clock.time(SearchStage.EMBED, () -> adapter.apply(embedder.embedQuery(request.query())));
        SearchResult result = inner.search(request.withQueryEmbedding(vector));
        clock.add(result.timings());
        return new SearchResult(result.hits(), clock.stop());
    }

    @Override
    public String toString() {
        return inner.spec() + " (adapter " + adapterId + ")";
    }
}
