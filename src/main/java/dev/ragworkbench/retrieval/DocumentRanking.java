package dev.ragworkbench.retrieval;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * Turns chunk hits into a document ranking: a document ranks by its best chunk. Judgments are usually per
 * document while indexes hold chunks, so every metric and run file goes through here.
 */
public final class DocumentRanking {
    private DocumentRanking() {
    }

    /** The best hit of each document, in chunk order, re-ranked 1..; at most {@code n}. */
    public static List<Hit> bestChunkPerDocument(List<Hit> chunkHits, int n) {
        var seen = new HashSet<String>();
        var result = new ArrayList<Hit>();
        for (Hit hit : chunkHits) {
            if (result.size() >= n) {
                break;
            }
            if (seen.add(hit.documentId())) {
                result.add(hit.withRank(result.size() + 1));
            }
        }
        return result;
    }

    /**
     * The top {@code n} documents for {@code query}. Asks the retriever for more chunks until {@code n}
     * distinct documents are found or the index has no more, since several chunks of one document may lead.
     */
    public static List<Hit> topDocuments(Retriever retriever, String query, int n, int totalChunks) {
        return topDocuments(retriever, SearchRequest.of(query, n), totalChunks).hits();
    }

    /**
     * The top {@code request.n()} documents, as {@link #topDocuments(Retriever, String, int, int)}, with the
     * timings of every search it took added up (the time the caller waited).
     */
    public static SearchResult topDocuments(Retriever retriever, SearchRequest request, int totalChunks) {
        int n = request.n();
        int want = n;
        SearchTimings timings = SearchTimings.NONE;
        while (true) {
            SearchResult chunks = retriever.search(request.withN(want));
            timings = timings.plus(chunks.timings());
            List<Hit> docs = bestChunkPerDocument(chunks.hits(), n);
            if (docs.size() >= n || chunks.hits().size() < want || want >= totalChunks) {
                return new SearchResult(docs, timings);
            }
            want = Math.min(totalChunks, want * 2);
        }
    }
}
