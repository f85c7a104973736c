package dev.ragworkbench.retrieval;

import dev.ragworkbench.embedding.Embedder;
import dev.ragworkbench.index.ChunkIndex;

import java.util.Map;

/** Makes a retriever from its spec over an open index. */
public final class Retrievers {
    private Retrievers() {
    }

    /**
     * @param embedder the index's embedder; may be null for {@code bm25}
     */
    public static Retriever create(RetrieverSpec spec, ChunkIndex index, Embedder embedder) {
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
