package dev.ragworkbench.retrieval;

import dev.ragworkbench.embedding.Embedder;
import dev.ragworkbench.index.ChunkIndex;

import java.util.Map;
import java.util.function.Function;

/** Makes a retriever from its spec over an open index. */
public final class Retrievers {
    private Retrievers() {
    }

    /**
     * A retriever without a reranker.
     *
     * @param embedder the index's embedder; may be null for {@code bm25}
     */
    public static Retriever create(RetrieverSpec spec, ChunkIndex index, Embedder embedder) {
        return create(spec, index, embedder, r -> {
            throw new IllegalArgumentException("retriever " + spec + " has a reranker, and none can be made here");
        });
    }

    /**
     * A retriever, followed by its reranker when the spec names one.
     *
     * @param embedder  the index's embedder; may be null for {@code bm25}
     * @param rerankers makes the reranker a spec names (see {@code retrieval.rerank.Rerankers})
     */
    public static Retriever create(RetrieverSpec spec, ChunkIndex index, Embedder embedder,
                                   Function<RerankerSpec, Reranker> rerankers) {
        if (spec.hasReranker()) {
            Retriever base = create(spec.withoutReranker(), index, embedder);
            return new RerankedRetriever(base, rerankers.apply(spec.reranker()), index, spec);
        }
        if (spec.kind().needsVectors() && embedder == null) {
            throw new IllegalArgumentException("retriever " + spec.kind().id() + " needs an embedder, and index '"
                    + index.settings().name() + "' has none");
        }
        return switch (spec.kind()) {
            case BM25 -> new Bm25Retriever(index, spec);
            case DENSE -> new DenseRetriever(index, embedder, spec);
            case HYBRID_RRF, HYBRID_WEIGHTED -> new HybridRetriever(
                    new Bm25Retriever(index, RetrieverSpec.of(RetrieverKind.BM25)),
                    new DenseRetriever(index, embedder, new RetrieverSpec(RetrieverKind.DENSE, Map.of())),
                    spec);
        };
    }
}
