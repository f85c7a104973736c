package dev.ragworkbench.retrieval.compare;

import dev.ragworkbench.index.StoredChunk;
import dev.ragworkbench.retrieval.Bm25Explanation;
import dev.ragworkbench.retrieval.QueryTerms;

import java.util.List;
import java.util.OptionalDouble;

/**
 * Everything about one hit: the whole chunk, where it sits in its document, why BM25 scored it so, and how close
 * its vector is to the query's.
 *
 * @param chunk        the stored chunk: text, start and end character offsets in its document, token count
 * @param documentText the whole document's text, or null when the workspace no longer holds the document
 * @param highlights   the query's analysed terms in {@code chunk.text()}
 * @param bm25         the BM25 explanation, term by term
 * @param cosine       cosine of the query and chunk vectors; empty for an index without vectors
 */
public record ChunkDetails(String index, StoredChunk chunk, String documentText, List<QueryTerms.Span> highlights,
                           Bm25Explanation bm25, OptionalDouble cosine) {

    public ChunkDetails {
        highlights = List.copyOf(highlights);
    }
}
