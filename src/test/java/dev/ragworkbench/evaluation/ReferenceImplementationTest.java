package dev.ragworkbench.evaluation;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Checks the fast metrics against a deliberately naive restatement of trec_eval's procedure: sort with a
 * comparator written from its description (score desc, then docno desc as UTF-8 bytes), truncate at k, build
 * the ideal ranking by counting documents per grade level from the highest level down, and compute each
 * measure from those lists. Random qrels and runs with many ties and graded judgments.
 */
class ReferenceImplementationTest {

    @Property(tries = 300)
    void fastMetricsEqualTheNaiveDefinition(@ForAll("cases") Case c, @ForAll @IntRange(min = 1, max = 25) int k) {
        var metrics = new ArrayList<Metric>();
        for (MetricKind kind : MetricKind.values()) {
            metrics.add(Metric.of(kind, k));
        }
        var result = Evaluator.evaluate(c.run(), c.qrels(), metrics, Evaluator.QuerySelection.ALL_JUDGED);
        for (QueryResult qr : result.perQuery()) {
            Map<String, Integer> judged = c.qrels().judgments(qr.queryId());
            List<Integer> ranked = naiveRanking(c.run().ranking(qr.queryId()), judged, k);
            for (Metric m : metrics) {
                assertThat(qr.value(m)).as(m + " " + qr.queryId()).isCloseTo(naive(m.kind(), ranked, judged, k),
                        within(1e-12));
            }
        }
    }

    /** Grades of the top k in trec_eval order, using byte-wise UTF-8 comparison for the tie break. */
    private static List<Integer> naiveRanking(List<ScoredDoc> docs, Map<String, Integer> judged, int k) {
        var copy = new ArrayList<>(docs);
        copy.sort((a, b) -> {
            if (a.score() != b.score()) {
                return a.score() > b.score() ? -1 : 1;
            }
            return java.util.Arrays.compareUnsigned(b.docId().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    a.docId().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        });
        return copy.stream().limit(k).map(d -> judged.getOrDefault(d.docId(), 0)).toList();
    }

    private static double naive(MetricKind kind, List<Integer> top, Map<String, Integer> judged, int k) {
        long numRel = judged.values().stream().filter(g -> g >= 1).count();
        long relRet = top.stream().filter(g -> g >= 1).count();
        return switch (kind) {
            case PRECISION -> relRet / (double) k;
            case RECALL -> numRel == 0 ? 0 : relRet / (double) numRel;
            case SUCCESS -> relRet > 0 ? 1 : 0;
            case MRR -> {
                int first = top.indexOf(top.stream().filter(g -> g >= 1).findFirst().orElse(Integer.MIN_VALUE));
                yield first < 0 ? 0 : 1.0 / (first + 1);
            }
            case MAP -> {
                double sum = 0;
                int seen = 0;
                for (int i = 0; i < top.size(); i++) {
                    if (top.get(i) >= 1) {
                        sum += ++seen / (i + 1.0);
                    }
                }
                yield numRel == 0 ? 0 : sum / numRel;
            }
            case NDCG -> {
                double dcg = 0;
                for (int i = 0; i < top.size(); i++) {
                    if (top.get(i) > 0) {
                        dcg += top.get(i) / (Math.log(i + 2) / Math.log(2));
                    }
                }
                // ideal: count documents per level, fill ranks from the highest level down
                var perLevel = new HashMap<Integer, Integer>();
                judged.values().stream().filter(g -> g > 0).forEach(g -> perLevel.merge(g, 1, Integer::sum));
                double ideal = 0;
                int rank = 0;
                for (int level = 100; level > 0 && rank < k; level--) {
                    for (int n = perLevel.getOrDefault(level, 0); n > 0 && rank < k; n--, rank++) {
                        ideal += level / (Math.log(rank + 2) / Math.log(2));
                    }
                }
                yield ideal > 0 ? dcg / ideal : 0;
            }
        };
    }

    record Case(Qrels qrels, Rankings run) {
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<String> docs = Arbitraries.of("a", "b", "c", "d", "e", "f", "g", "h", "d1", "d10", "d9", "\u00e9",
                "\uFFFD", "\uD83D\uDE00");
        Arbitrary<Map<String, Integer>> judgments = Arbitraries.maps(docs, Arbitraries.integers().between(-1, 3))
                .ofMinSize(1).ofMaxSize(8);
        Arbitrary<Map<String, Double>> ranking = Arbitraries.maps(docs,
                Arbitraries.oneOf(Arbitraries.of(0.0, -0.0, 0.5, 1.0), Arbitraries.doubles().between(-2, 2)))
                .ofMaxSize(14);
        Arbitrary<Map<String, Map<String, Integer>>> qrels = Arbitraries.maps(Arbitraries.of("q1", "q2", "q3"),
                judgments).ofMinSize(1).ofMaxSize(3);
        Arbitrary<Map<String, Map<String, Double>>> runs = Arbitraries.maps(Arbitraries.of("q1", "q2", "q4"),
                ranking).ofMaxSize(3);
        return qrels.flatMap(q -> runs.map(r -> {
            var builder = Rankings.builder("r");
            r.forEach((query, scored) -> scored.forEach((doc, score) -> builder.add(query, doc, score)));
            return new Case(Qrels.of(new LinkedHashMap<>(q)), builder.build());
        }));
    }
}
