package dev.ragworkbench.retrieval.compare;

import dev.ragworkbench.retrieval.RetrieverKind;
import dev.ragworkbench.retrieval.RetrieverSpec;

import java.util.Objects;

/**
 * One column of a side-by-side comparison: a retriever over an index of the workspace, showing its top N.
 *
 * @param index     the index's name; null for the most recently built one
 * @param retriever the retriever spec, e.g. {@code hybrid-rrf:depth=100,k=60}
 * @param top       how many documents the column shows, ≥ 1
 * @param adapter   the run id of an embedding adapter its query vectors go through ({@code finetune}), or null
 */
public record Column(String index, RetrieverSpec retriever, int top, String adapter) {

    public static final int DEFAULT_TOP = 10;
    public static final int MAX_TOP = 100_000;

    public Column {
        Objects.requireNonNull(retriever, "retriever");
        if (top < 1 || top > MAX_TOP) {
            throw new IllegalArgumentException("a column shows between 1 and " + MAX_TOP + " hits, not " + top);
        }
        if (adapter != null && !retriever.kind().needsVectors()) {
            throw new IllegalArgumentException("an adapter changes query vectors; retriever " + retriever
                    + " uses none");
        }
    }

    public Column(String index, RetrieverSpec retriever, int top) {
        this(index, retriever, top, null);
    }

    public Column withAdapter(String runId) {
        return new Column(index, retriever, top, runId);
    }

    public static Column of(String index, String retrieverSpec) {
        return new Column(index, RetrieverSpec.parse(retrieverSpec), DEFAULT_TOP);
    }

    public Column withTop(int n) {
        return new Column(index, retriever, n, adapter);
    }

    public Column withIndex(String name) {
        return new Column(name, retriever, top, adapter);
    }

    public Column withRetriever(RetrieverSpec spec) {
        return new Column(index, spec, top, adapter);
    }

    /** What its scores are: BM25, a dense (1 + cos) / 2, an RRF sum, a weighted blend, or a reranker's. */
    public String scoreLabel() {
        return scoreLabel(retriever);
    }

    /** See {@link #scoreLabel()}. */
    public static String scoreLabel(RetrieverSpec spec) {
        if (spec.toString().contains("+rerank:")) {
            return "reranker";
        }
        return switch (spec.kind()) {
            case BM25 -> "BM25";
            case DENSE -> "(1+cos)/2";
            case HYBRID_RRF -> "RRF";
            case HYBRID_WEIGHTED -> "weighted";
        };
    }

    /** The BM25 k1 and b a chunk's BM25 explanation uses: the column's own, or the defaults a hybrid fuses. */
    double[] bm25Params() {
        RetrieverSpec bm25 = retriever.kind() == RetrieverKind.BM25 ? retriever : RetrieverSpec.of(RetrieverKind.BM25);
        return new double[] {bm25.number("k1"), bm25.number("b")};
    }

    /** {@code bm25:b=0.4,k1=0.9 on scifact-none-none}, for labels and run names. */
    public String label() {
        return retriever + (adapter == null ? "" : " +adapter:" + adapter) + (index == null ? "" : " on " + index);
    }
}
