package dev.ragworkbench.evaluation;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Hand-worked fixtures. log2(3) = 1.5849625, log2(5) = 2.3219281, so 1/log2(3) = 0.6309298, 1/log2(4) = 0.5,
 * 1/log2(5) = 0.4306766.
 */
class MetricsTest {

    private static final double EPS = 1e-12;

    // q1 binary: d1, d2, d4 relevant; d3 judged non-relevant (grade 0).
    // q2 graded: d1=3, d2=2, d3=1, d4=0.
    // q3 judged relevant but absent from the run: 0 everywhere, still averaged (trec_eval -c).
    // q4 judged only non-relevant: not averaged.
    static final Qrels QRELS = Qrels.of(ordered(
            "q1", ordered("d1", 1, "d2", 1, "d3", 0, "d4", 1),
            "q2", ordered("d1", 3, "d2", 2, "d3", 1, "d4", 0),
            "q3", ordered("d7", 1),
            "q4", ordered("d8", 0)));

    static final Rankings RUN = Rankings.builder("test")
            // q1 ranking: d3 (0), d1 (1), d5 (unjudged), d2 (1); d4 not retrieved. Only 4 retrieved.
            .add("q1", "d2", 0.6).add("q1", "d5", 0.7).add("q1", "d3", 0.9).add("q1", "d1", 0.8)
            // q2: d1 and d2 tie at 0.5; trec_eval puts the larger docno first: d2 (2), d1 (3), d4 (0), d3 (1).
            .add("q2", "d1", 0.5).add("q2", "d2", 0.5).add("q2", "d4", 0.4).add("q2", "d3", 0.3)
            .add("q4", "d8", 1.0)
            // q5 is not in the qrels: ignored.
            .add("q5", "d1", 1.0)
            .build();

    @Test
    void binaryQueryByHand() {
        var r = Evaluator.evaluate(RUN, QRELS, Metric.parseList(
                "ndcg@5, recall@2, recall@5, p@2, p@5, mrr@1, mrr@10, map@2, map@5, success@1, success@2"));
        QueryResult q1 = r.perQuery().getFirst();
        assertThat(q1.queryId()).isEqualTo("q1");
        // DCG@5 = 1/log2(3) + 1/log2(5) = 1.0616063; ideal (3 relevant) = 1 + 1/log2(3) + 1/2 = 2.1309298
        assertThat(q1.value(Metric.parse("ndcg@5"))).isCloseTo(0.49818925746641285, within(EPS));
        assertThat(q1.value(Metric.parse("recall@2"))).isCloseTo(1.0 / 3, within(EPS));
        assertThat(q1.value(Metric.parse("recall@5"))).isCloseTo(2.0 / 3, within(EPS));
        assertThat(q1.value(Metric.parse("p@2"))).isCloseTo(0.5, within(EPS));
        // 4 retrieved, still divided by k = 5
        assertThat(q1.value(Metric.parse("p@5"))).isCloseTo(0.4, within(EPS));
        assertThat(q1.value(Metric.parse("mrr@1"))).isZero();
        assertThat(q1.value(Metric.parse("mrr@10"))).isCloseTo(0.5, within(EPS));
        // AP@2 = (1/2) / 3 relevant; AP@5 = (1/2 + 2/4) / 3
        assertThat(q1.value(Metric.parse("map@2"))).isCloseTo(1.0 / 6, within(EPS));
        assertThat(q1.value(Metric.parse("map@5"))).isCloseTo(1.0 / 3, within(EPS));
        assertThat(q1.value(Metric.parse("success@1"))).isZero();
        assertThat(q1.value(Metric.parse("success@2"))).isEqualTo(1.0);
    }

    @Test
    void gradedQueryWithTieByHand() {
        var r = Evaluator.evaluate(RUN, QRELS, Metric.parseList("ndcg@3, ndcg@10, recall@3, mrr@10, map@10, p@3"));
        QueryResult q2 = r.perQuery().get(1);
        assertThat(q2.queryId()).isEqualTo("q2");
        // Ranking d2(2) d1(3) d4(0) d3(1). DCG@3 = 2 + 3/log2(3) = 3.8927893; ideal@3 = 3 + 2/log2(3) + 1/2
        // = 4.7618595; 0.8174935. Had the tie gone d1 first it would be (3 + 2/log2(3)) / 4.7618595 = 0.8949990.
        assertThat(q2.value(Metric.parse("ndcg@3"))).isCloseTo(0.8174935137996165, within(EPS));
        // DCG@10 adds d3 at rank 4: 1/log2(5); ideal@10 is unchanged (only 3 positive grades).
        assertThat(q2.value(Metric.parse("ndcg@10"))).isCloseTo(0.9079364505194771, within(EPS));
        // relevant = grade >= 1: d1, d2, d3
        assertThat(q2.value(Metric.parse("recall@3"))).isCloseTo(2.0 / 3, within(EPS));
        assertThat(q2.value(Metric.parse("p@3"))).isCloseTo(2.0 / 3, within(EPS));
        assertThat(q2.value(Metric.parse("mrr@10"))).isEqualTo(1.0);
        // AP = (1/1 + 2/2 + 3/4) / 3
        assertThat(q2.value(Metric.parse("map@10"))).isCloseTo(2.75 / 3, within(EPS));
    }

    @Test
    void tieOrderChangesTheValueWhereItShould() {
        // Same scores, only the ids differ: with ids swapped the grade-3 doc wins the tie.
        var qrels = Qrels.of(Map.of("q", ordered("b", 3, "a", 2)));
        var ab = Rankings.builder("r").add("q", "a", 1.0).add("q", "b", 1.0).build();
        var ndcg = Metric.parse("ndcg@1");
        // tie -> "b" first (descending docno) -> grade 3 at rank 1 -> ideal -> 1.0
        assertThat(Evaluator.evaluate(ab, qrels, List.of(ndcg)).aggregate().mean(ndcg)).isEqualTo(1.0);
        var swapped = Qrels.of(Map.of("q", ordered("b", 2, "a", 3)));
        // now "b" (grade 2) still first: 2/3
        assertThat(Evaluator.evaluate(ab, swapped, List.of(ndcg)).aggregate().mean(ndcg))
                .isCloseTo(2.0 / 3, within(EPS));
        // binary: mrr@1 is 1 or 0 purely by the tie break
        var onlyA = Qrels.of(Map.of("q", ordered("a", 1)));
        assertThat(Evaluator.evaluate(ab, onlyA, Metric.parseList("mrr@1")).aggregate()
                .mean(Metric.parse("mrr@1"))).isZero();
    }

    @Test
    void averagesOverJudgedQueriesWithRelevantDocsOnly() {
        var ndcg10 = Metric.parse("ndcg@10");
        var r = Evaluator.evaluate(RUN, QRELS, List.of(ndcg10, Metric.parse("success@10")));
        assertThat(r.queryIds()).containsExactly("q1", "q2", "q3");
        assertThat(r.perQuery().get(2).value(ndcg10)).isZero();
        assertThat(r.aggregate().count()).isEqualTo(3);
        // (0.4981893 + 0.9079365 + 0) / 3
        assertThat(r.aggregate().mean(ndcg10)).isCloseTo(0.46870856932863, within(1e-12));
        assertThat(r.aggregate().mean(Metric.parse("success@10"))).isCloseTo(2.0 / 3, within(EPS));
        assertThat(r.judgedQueriesNotInRun()).isEqualTo(1);
        assertThat(r.runQueriesNotJudged()).isEqualTo(2); // q4 (no relevant) and q5 (not judged)
    }

    @Test
    void trecEvalCompleteAveragingAlsoCountsQueriesWithoutRelevantDocs() {
        var ndcg10 = Metric.parse("ndcg@10");
        var r = Evaluator.evaluate(RUN, QRELS, List.of(ndcg10), Evaluator.QuerySelection.ALL_JUDGED);
        // q4 (only grade 0) joins as 0: (0.4981893 + 0.9079365 + 0 + 0) / 4
        assertThat(r.queryIds()).containsExactly("q1", "q2", "q3", "q4");
        assertThat(r.aggregate().mean(ndcg10)).isCloseTo(0.46870856932863 * 3 / 4, within(1e-12));
        assertThat(r.runQueriesNotJudged()).isEqualTo(1);
    }

    @Test
    void zeroAndNegativeGradesGainNothing() {
        var qrels = Qrels.of(Map.of("q", ordered("a", -1, "b", 0, "c", 2)));
        var run = Rankings.builder("r").add("q", "a", 3).add("q", "b", 2).add("q", "c", 1).build();
        var r = Evaluator.evaluate(run, qrels, Metric.parseList("ndcg@3, recall@3, map@3"));
        // c (grade 2) at rank 3: 2/log2(4) = 1; ideal = 2 -> 0.5
        assertThat(r.aggregate().mean(Metric.parse("ndcg@3"))).isCloseTo(0.5, within(EPS));
        assertThat(r.aggregate().mean(Metric.parse("recall@3"))).isEqualTo(1.0);
        assertThat(r.aggregate().mean(Metric.parse("map@3"))).isCloseTo(1.0 / 3, within(EPS));
    }

    @Test
    void gradeOneCountsAsRelevantButGainsOnlyItsGrade() {
        // trec_eval: ndcg gains are raw grades, relevance for recall is grade >= 1.
        var qrels = Qrels.of(Map.of("q", ordered("a", 1, "b", 4)));
        var run = Rankings.builder("r").add("q", "a", 2).add("q", "b", 1).build();
        var r = Evaluator.evaluate(run, qrels, Metric.parseList("ndcg@2, recall@1"));
        // DCG = 1 + 4/log2(3) = 3.5237190; ideal = 4 + 1/log2(3) = 4.6309298
        assertThat(r.aggregate().mean(Metric.parse("ndcg@2")))
                .isCloseTo((1 + 4 / log2(3)) / (4 + 1 / log2(3)), within(EPS));
        assertThat(r.aggregate().mean(Metric.parse("recall@1"))).isEqualTo(0.5);
    }

    @Test
    void negativeZeroTiesWithZeroAndIdsCompareByCodePoint() {
        // trec_eval compares scores with > and <, so -0.0 and 0.0 tie and the larger docno wins.
        var run = Rankings.builder("r").add("q", "a", 0.0).add("q", "b", -0.0).build();
        assertThat(run.ranking("q")).extracting(ScoredDoc::docId).containsExactly("b", "a");
        // strcmp on UTF-8: U+1F600 (a surrogate pair in Java) sorts after U+FFFD, unlike String.compareTo.
        String emoji = "\uD83D\uDE00";
        String replacement = "\uFFFD";
        var run2 = Rankings.builder("r").add("q", replacement, 1).add("q", emoji, 1).build();
        assertThat(run2.ranking("q")).extracting(ScoredDoc::docId).containsExactly(emoji, replacement);
        // and "doc9" > "doc10" byte-wise, so doc9 ranks first on a tie
        var run3 = Rankings.builder("r").add("q", "doc10", 1).add("q", "doc9", 1).build();
        assertThat(run3.ranking("q")).extracting(ScoredDoc::docId).containsExactly("doc9", "doc10");
    }

    @Test
    void runRejectsDuplicateDocumentsAndNaN() {
        assertThatThrownBy(() -> Rankings.builder("r").add("q", "a", 1).add("q", "a", 2).build())
                .hasMessageContaining("'a' retrieved twice for query 'q'");
        assertThatThrownBy(() -> new ScoredDoc("a", Double.NaN)).hasMessageContaining("NaN");
    }

    @Test
    void parsesNamesCaseInsensitivelyWithAliases() {
        assertThat(Metric.parse("NDCG@10")).isEqualTo(Metric.of(MetricKind.NDCG, 10));
        assertThat(Metric.parse("p@5")).isEqualTo(Metric.parse("Precision@5"));
        assertThat(Metric.parse("P.5")).isEqualTo(Metric.of(MetricKind.PRECISION, 5));
        assertThat(Metric.parse("ndcg_cut.10").toString()).isEqualTo("ndcg@10");
        assertThat(Metric.parse("map_cut.100").trecEvalName()).isEqualTo("map_cut.100");
        assertThat(Metric.parse("mrr@10").trecEvalName()).isEqualTo("recip_rank (-M 10)");
        assertThat(Metric.parse(" success@1 ").toString()).isEqualTo("success@1");
        assertThatThrownBy(() -> Metric.parse("bleu@4")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown metric 'bleu@4'").hasMessageContaining("ndcg@k");
        assertThatThrownBy(() -> Metric.parse("ndcg")).hasMessageContaining("needs a cut-off");
        assertThatThrownBy(() -> Metric.parse("ndcg@0")).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> Metric.parse("ndcg@ten")).hasMessageContaining("not a whole number");
    }

    @Test
    void evaluatesThreeHundredQueriesOfAThousandDocsFast() {
        var qrelsMap = new LinkedHashMap<String, Map<String, Integer>>();
        var builder = Rankings.builder("big");
        var random = new java.util.Random(1);
        for (int q = 0; q < 300; q++) {
            var judged = new LinkedHashMap<String, Integer>();
            for (int j = 0; j < 5; j++) {
                judged.put("d" + random.nextInt(2000), 1 + random.nextInt(2));
            }
            qrelsMap.put("q" + q, judged);
            for (int d = 0; d < 1000; d++) {
                builder.add("q" + q, "d" + d, random.nextDouble());
            }
        }
        var run = builder.build();
        var qrels = Qrels.of(qrelsMap);
        var metrics = Metric.parseList("ndcg@10, recall@1000, p@10, mrr@10, map@1000, success@10");
        // Best of many runs after JIT warm-up, in this thread's CPU time: the machine is shared with other
        // builds, so wall-clock time measures the neighbours as much as this code.
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 30; i++) {
            long start = threads.getCurrentThreadCpuTime();
            var r = Evaluator.evaluate(run, qrels, metrics);
            best = Math.min(best, threads.getCurrentThreadCpuTime() - start);
            assertThat(r.aggregate().count()).isEqualTo(300);
        }
        System.out.printf("evaluation of 300 x 1000 x 6: best %.1f ms CPU%n", best / 1e6);
        assertThat(best / 1_000_000.0).as("milliseconds").isLessThan(100);
    }

    static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    @SuppressWarnings("unchecked")
    static <V> LinkedHashMap<String, V> ordered(Object... keyValues) {
        var map = new LinkedHashMap<String, V>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], (V) keyValues[i + 1]);
        }
        return map;
    }
}
