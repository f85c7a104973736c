package dev.ragworkbench.retrieval;

import java.util.List;

/**
 * Finds the chunks of one index that best answer a query. Implementations are thread-safe and apply their
 * parameters (BM25 k1 and b, fusion k, alpha) at search time, so one index serves every setting.
 */
public interface Retriever {

    /** The spec this retriever was made from, e.g. {@code bm25:k1=0.9,b=0.4}. */
    RetrieverSpec spec();

    /** The best {@code n} chunks for {@code query}, best first, ranks 1..n. */
    List<Hit> search(String query, int n);
}
