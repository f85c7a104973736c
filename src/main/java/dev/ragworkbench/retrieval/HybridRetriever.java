package dev.ragworkbench.retrieval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fuses a lexical and a dense ranking of chunks. Two fusions share the plumbing and differ in how a chunk's
 * place in each list becomes one score:
 * <ul>
 *   <li>{@code hybrid-rrf}: Reciprocal Rank Fusion, {@code sum 1 / (k + rank)} (Cormack et al. 2009);</li>
 *   <li>{@code hybrid-weighted}: {@code alpha * dense + (1 - alpha) * bm25}, each side's scores min-max
 *       normalised over its own list; a chunk missing from a list gets 0 for that side.</li>
 * </ul>
 * Each side contributes its best {@code depth} chunks (at least as many as asked for).
 */
final class HybridRetriever implements Retriever {

    private final Retriever lexical;
    private final Retriever dense;
    private final RetrieverSpec spec;

    HybridRetriever(Retriever lexical, Retriever dense, RetrieverSpec spec) {
        this.lexical = lexical;
        this.dense = dense;
        this.spec = spec;
    }

    @Override
    public RetrieverSpec spec() {
        return spec;
    }

    /**
     * Both sides' stages ({@code embed} from the dense side unless overridden, {@code search} for both lists),
     * then {@code fusion}. The sides run one after the other on the calling thread.
     */
    @Override
    public SearchResult search(SearchRequest request) {
        var clock = new SearchTimings.Clock();
        int n = request.n();
        var sideRequest = request.withN(Math.max(spec.integer("depth"), n));
        SearchResult lexicalResult = lexical.search(sideRequest);
        SearchResult denseResult = dense.search(sideRequest);
        clock.add(lexicalResult.timings());
        clock.add(denseResult.timings());
        List<Hit> a = lexicalResult.hits();
        List<Hit> b = denseResult.hits();
        List<Hit> hits = clock.time(SearchStage.FUSION, () -> spec.kind() == RetrieverKind.HYBRID_RRF
                ? fuse(a, b, rrf(spec.integer("k")), n)
                : fuse(a, b, weighted(a, b, spec.number("alpha")), n));
        return new SearchResult(hits, clock.stop());
    }

    /** Scores a hit from one side: {@code side} is 0 for lexical, 1 for dense. */
    private interface SideScore {
        double of(int side, Hit hit);
    }

    private static SideScore rrf(int k) {
        return (side, hit) -> 1.0 / (k + hit.rank());
    }

    private static SideScore weighted(List<Hit> lexical, List<Hit> dense, double alpha) {
        var lex = MinMax.of(lexical);
        var den = MinMax.of(dense);
        return (side, hit) -> side == 0 ? (1 - alpha) * lex.normalise(hit.score()) : alpha * den.normalise(hit.score());
    }

    private record MinMax(double min, double max) {
        static MinMax of(List<Hit> hits) {
            double min = hits.stream().mapToDouble(Hit::score).min().orElse(0);
            double max = hits.stream().mapToDouble(Hit::score).max().orElse(0);
            return new MinMax(min, max);
        }

        double normalise(double score) {
            return max > min ? (score - min) / (max - min) : 1.0;
        }
    }

    private static List<Hit> fuse(List<Hit> lexical, List<Hit> dense, SideScore score, int n) {
        var fused = new HashMap<Integer, Fused>();
        add(fused, lexical, 0, score);
        add(fused, dense, 1, score);
        // Ties go to the chunk with the better best rank on either side, then to the lower doc id: stable output.
        var order = Comparator.comparingDouble(Fused::score).reversed()
                .thenComparingInt(Fused::bestRank)
                .thenComparingInt(f -> f.hit.luceneDoc());
        var sorted = new ArrayList<>(fused.values());
        sorted.sort(order);
        var result = new ArrayList<Hit>(Math.min(n, sorted.size()));
        for (int i = 0; i < sorted.size() && i < n; i++) {
            result.add(sorted.get(i).hit.withRankAndScore(i + 1, sorted.get(i).score));
        }
        return result;
    }

    private static void add(Map<Integer, Fused> fused, List<Hit> hits, int side, SideScore score) {
        for (Hit hit : hits) {
            fused.merge(hit.luceneDoc(), new Fused(hit, score.of(side, hit), hit.rank()),
                    (x, y) -> new Fused(x.hit, x.score + y.score, Math.min(x.bestRank, y.bestRank)));
        }
    }

    private record Fused(Hit hit, double score, int bestRank) {
    }
}
