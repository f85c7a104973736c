package dev.ragworkbench.embedding.adapter;

/**
 * One training example: a query's base vector, the vector of a chunk of a document judged relevant to it, and
 * optionally a hard negative (a highly ranked chunk of a document not judged relevant).
 *
 * @param positiveDocument the relevant document's id: two pairs with the same positive document must not count
 *                         each other's positive as a negative
 * @param hardNegative     null with in-batch negatives only
 */
public record TrainingPair(String queryId, float[] query, String positiveDocument, float[] positive,
                           float[] hardNegative) {
}
