package dev.ragworkbench.evaluation;

import java.util.Objects;

/**
 * One retrieved document and the score the retriever gave it. Higher scores rank first.
 *
 * @param docId document id as in the qrels; non-empty
 * @param score any number but NaN (trec_eval's sort has no defined order for NaN)
 */
public record ScoredDoc(String docId, double score) {

    public ScoredDoc {
        Objects.requireNonNull(docId, "docId");
        if (docId.isEmpty()) {
            throw new IllegalArgumentException("empty document id");
        }
        if (Double.isNaN(score)) {
            throw new IllegalArgumentException("score of '" + docId + "' is NaN");
        }
    }
}
