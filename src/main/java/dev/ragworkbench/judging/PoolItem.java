package dev.ragworkbench.judging;

/**
 * One document of a pool, as the judge sees it: the query, and the text of the chunk that ranked it, with no
 * retriever name and no rank, so that the grade is not biased by who found it.
 *
 * @param chunkId the chunk whose text is shown (the best chunk of the first column that found the document)
 * @param title   the document's title, possibly empty
 * @param text    the chunk's text
 */
public record PoolItem(String queryId, String queryText, String documentId, String chunkId, String title,
                       String text) {
}
