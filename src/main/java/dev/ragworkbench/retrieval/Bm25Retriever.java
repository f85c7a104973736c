package dev.ragworkbench.retrieval;

import dev.ragworkbench.index.ChunkIndex;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.similarities.BM25Similarity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * BM25 over the analysed title + text field. The query is a bag of analysed terms, each boosted by how often
 * it occurs, and never parsed as Lucene query syntax: claims like "IL-6 (p<0.05): a/b" must not be operators.
 */
final class Bm25Retriever implements Retriever {

    static final String FIELD = "contents";

    private final ChunkIndex index;
    private final RetrieverSpec spec;
    private final IndexSearcher searcher;

    Bm25Retriever(ChunkIndex index, RetrieverSpec spec) {
        this.index = index;
        this.spec = spec;
        // Lucene's norms store only lengths, so k1 and b can change per retriever on one index. A searcher is
        // thread-safe and cheap to keep, so each retriever holds one with its own similarity.
        this.searcher = index.newSearcher();
        this.searcher.setSimilarity(new BM25Similarity((float) spec.number("k1"), (float) spec.number("b")));
    }

    @Override
    public RetrieverSpec spec() {
        return spec;
    }

    /** One stage, {@code search}: analysing the query and scoring; an embedding override has nothing to do here. */
    @Override
    public SearchResult search(SearchRequest request) {
        var clock = new SearchTimings.Clock();
        List<Hit> hits = clock.time(SearchStage.SEARCH, () -> hits(request.query(), request.n()));
        return new SearchResult(hits, clock.stop());
    }

    private List<Hit> hits(String query, int n) {
        Query q = toQuery(query);
        if (q == null) {
            return List.of();
        }
        try {
            ScoreDoc[] docs = searcher.search(q, n).scoreDocs;
            return Hit.of(docs, index.chunkIds());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Query toQuery(String text) {
        return QueryTerms.bm25Query(index.analyzer(), text);
    }
}
