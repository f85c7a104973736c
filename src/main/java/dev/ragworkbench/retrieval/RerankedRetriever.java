package dev.ragworkbench.retrieval;

import dev.ragworkbench.index.ChunkIndex;
import dev.ragworkbench.index.IndexedText;
import dev.ragworkbench.index.StoredChunk;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A retriever followed by a {@link Reranker}: the retriever's best {@code depth} chunks, re-scored and re-ordered
 * by the reranker; the first {@code n} of them are the result. The candidates are always the same {@code depth}
 * whatever {@code n} is asked for, so a longer list starts with the shorter one, and hits past {@code depth} are
 * not returned: their scores would be the retriever's, which do not compare with the reranker's.
 */
final class RerankedRetriever implements Retriever {

    private final Retriever base;
    private final Reranker reranker;
    private final ChunkIndex index;
    private final RetrieverSpec spec;

    RerankedRetriever(Retriever base, Reranker reranker, ChunkIndex index, RetrieverSpec spec) {
        if (!spec.hasReranker()) {
            throw new IllegalArgumentException("spec " + spec + " names no reranker");
        }
        this.base = base;
        this.reranker = reranker;
        this.index = index;
        this.spec = spec;
    }

    @Override
    public RetrieverSpec spec() {
        return spec;
    }

    /**
     * The base retriever's stages (an embedding override goes to it), then {@code rerank}: reading the candidates'
     * stored text and scoring them, which is where a CPU reranker's cost shows.
     */
    @Override
    public SearchResult search(SearchRequest request) {
        var clock = new SearchTimings.Clock();
        SearchResult candidates = base.search(request.withN(spec.reranker().depth()));
        clock.add(candidates.timings());
        List<Hit> hits = clock.time(SearchStage.RERANK, () -> rerank(request.query(), candidates.hits(), request.n()));
        return new SearchResult(hits, clock.stop());
    }

    private List<Hit> rerank(String query, List<Hit> candidates, int n) {
        if (candidates.isEmpty()) {
            return List.of();
        }
        var passages = new ArrayList<String>(candidates.size());
        for (Hit h : candidates) {
            StoredChunk chunk = index.chunk(h.luceneDoc());
            // The text the index embedded and BM25 scored, title first, so the reranker reads what was found.
            passages.add(IndexedText.of(chunk.title(), chunk.text()));
        }
        double[] scores = reranker.scores(query, passages);
        if (scores.length != candidates.size()) {
            throw new IllegalStateException("reranker " + spec.reranker() + " gave " + scores.length
                    + " scores for " + candidates.size() + " passages");
        }
        if (Arrays.stream(scores).anyMatch(Double::isNaN)) {
            throw new IllegalStateException("reranker " + spec.reranker() + " gave a NaN score for query '" + query + "'");
        }
        Integer[] order = new Integer[candidates.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        // Ties keep the retriever's order, so equal scores give a stable ranking.
        Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparingInt(i -> i));
        var result = new ArrayList<Hit>(Math.min(n, order.length));
        for (int r = 0; r < order.length && r < n; r++) {
            result.add(candidates.get(order[r]).withRankAndScore(r + 1, scores[order[r]]));
        }
        return result;
    }
}
