package dev.ragworkbench.retrieval;

/**
 * A chunk found by a retriever, with its rank (1-based) and score in that retriever's ranking.
 *
 * @param luceneDoc the chunk's doc id in the index it came from; use it to load the chunk's stored text
 */
public record Hit(int rank, int luceneDoc, String documentId, int ordinal, double score) {

    public String chunkId() {
        return documentId + "#" + ordinal;
    }

    Hit withRank(int newRank) {
        return new Hit(newRank, luceneDoc, documentId, ordinal, score);
    }

    Hit withRankAndScore(int newRank, double newScore) {
        return new Hit(newRank, luceneDoc, documentId, ordinal, newScore);
    }
}
