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
        int want = n;
        while (true) {
            List<Hit> chunks = retriever.search(query, want);
            List<Hit> docs = bestChunkPerDocument(chunks, n);
            if (docs.size() >= n || chunks.size() < want || want >= totalChunks) {
                return docs;
            }
            want = Math.min(totalChunks, want * 2);
        }
    }
}
