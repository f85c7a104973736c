package dev.ragworkbench.retrieval.compare;

import dev.ragworkbench.retrieval.QueryTerms;

import java.util.List;

/**
 * One hit of a column, as the pane and {@code search --json} show it: a document by its best chunk.
 *
 * @param luceneDoc  the chunk's doc id in the column's index (for its details)
 * @param chunk      the chunk's ordinal in its document
 * @param snippet    the start of the chunk's text, whitespace collapsed
 * @param highlights where the query's analysed terms sit in {@code snippet}
 * @param firstRank  the document's rank in the first column, or null when the first column's top N lacks it
 *                   (in the first column itself, its own rank)
 */
public record ColumnHit(int rank, int luceneDoc, String docId, int chunk, double score, String title,
                        String snippet, List<QueryTerms.Span> highlights, Integer firstRank) {

    public ColumnHit {
        highlights = List.copyOf(highlights);
    }

    public String chunkId() {
        return docId + "#" + chunk;
    }

    /** How far up (positive) or down the document moved against the first column; null when new to it. */
    public Integer movement() {
        return firstRank == null ? null : firstRank - rank;
    }

    /** ▲3, ▼2, "new", or "" when unchanged. */
    public String movementLabel() {
        Integer m = movement();
        if (m == null) {
            return "new";
        }
        return m > 0 ? "▲" + m : m < 0 ? "▼" + (-m) : "";
    }
}
