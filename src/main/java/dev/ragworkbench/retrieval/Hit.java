package dev.ragworkbench.retrieval;

import dev.ragworkbench.index.ChunkIds;
import org.apache.lucene.search.ScoreDoc;

import java.util.ArrayList;
import java.util.List;

/**
 * A chunk found by a retriever, with its rank (1-based) and score in that retriever's ranking.
 *
 * @param luceneDoc the chunk's doc id in the index it came from; use it to load the chunk's stored text
 */
public record Hit(int rank, int luceneDoc, String documentId, int ordinal, double score) {

    public String chunkId() {
        return documentId + "#" + ordinal;
    }

    /** Lucene's ranking of chunks as hits, ranks 1.., ids read column-wise from the index. */
    static List<Hit> of(ScoreDoc[] docs, ChunkIds ids) {
        var hits = new ArrayList<Hit>(docs.length);
        for (ScoreDoc d : docs) {
            hits.add(new Hit(hits.size() + 1, d.doc, ids.documentId(d.doc), ids.ordinal(d.doc), d.score));
        }
        return hits;
    }

    Hit withRank(int newRank) {
        return new Hit(newRank, luceneDoc, documentId, ordinal, score);
    }

    Hit withRankAndScore(int newRank, double newScore) {
        return new Hit(newRank, luceneDoc, documentId, ordinal, newScore);
    }
}
