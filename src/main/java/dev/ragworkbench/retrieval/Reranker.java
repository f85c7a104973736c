package dev.ragworkbench.retrieval;

import java.util.List;

/**
 * Re-scores a retriever's best hits with a model that reads the query against each passage: a second embedder
 * (cosine of its query and passage vectors) or a cross-encoder (the logit of the pair). Implementations are
 * thread-safe; {@link RerankedRetriever} puts one after any retriever.
 */
public interface Reranker {

    /** One score per passage, in the passages' order; higher is more relevant. */
    double[] scores(String query, List<String> passages);
}
