package dev.ragworkbench.evaluation;

import dev.ragworkbench.app.Workbench;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.SequencedMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The comparison service over runs stored in a real workspace database. */
class ComparisonServiceTest {

    @TempDir
    Path dir;
    Workbench bench;

    @BeforeEach
    void open() {
        bench = Workbench.open(dir.resolve("ws"));
    }

    @AfterEach
    void close() {
        bench.close();
    }

    private String run(String name, Map<String, String> params) {
        return bench.runs().startRun(null, name, params, Map.of()).id();
    }

    private static SequencedMap<String, Double> values(String... idValuePairs) {
        var m = new LinkedHashMap<String, Double>();
        for (int i = 0; i < idValuePairs.length; i += 2) {
            m.put(idValuePairs[i], Double.parseDouble(idValuePairs[i + 1]));
        }
        return m;
    }

    @Test
    void pairsOnTheIdsBothScoredAndCountsTheRestAsExcluded() {
        String a = run("a", Map.of());
        String b = run("b", Map.of());
        bench.runs().logQueryMetrics(a, "ndcg@10", values("q1", "0.2", "q2", "0.5", "q3", "0.9", "q4", "0.1"));
        bench.runs().logQueryMetrics(b, "ndcg@10", values("q2", "0.7", "q1", "0.6", "q3", "0.9", "q5", "1.0", "q6", "0"));

        var m = bench.comparisons().compare(a, b).metric("ndcg@10");

        // Pairs q1 (0.2 → 0.6), q2 (0.5 → 0.7), q3 (0.9 → 0.9); q4 only in A, q5 and q6 only in B.
        assertThat(m.paired()).isEqualTo(3);
        assertThat(m.excluded()).isEqualTo(3);
        assertThat(m.meanA()).isCloseTo(1.6 / 3, within(1e-12));
        assertThat(m.meanB()).isCloseTo(2.2 / 3, within(1e-12));
        assertThat(m.delta()).isCloseTo(0.6 / 3, within(1e-12));
        // Three pairs: all 8 sign flips enumerated; |sum| ≥ 0.6 for (+,+,±) and (−,−,±): 4 of 8.
        assertThat(m.p()).isEqualTo(0.5);
        assertThat(m.type()).isEqualTo(MetricType.RANKED);
        assertThat(m.flips()).isEmpty();
    }

    @Test
    void passFailMetricsGetMcNemarAndTheFlippedIds() {
        String a = run("a", Map.of());
        String b = run("b", Map.of());
        var va = new LinkedHashMap<String, Double>();
        var vb = new LinkedHashMap<String, Double>();
        // 20 items: i0 right → wrong; i1..i9 wrong → right; i10..i14 right in both; i15..i19 wrong in both.
        for (int i = 0; i < 20; i++) {
            boolean passA = i == 0 || (i >= 10 && i < 15);
            boolean passB = (i >= 1 && i < 15);
            va.put("i" + i, passA ? 1.0 : 0.0);
            vb.put("i" + i, passB ? 1.0 : 0.0);
        }
        bench.runs().logQueryMetrics(a, "exact_match", va);
        bench.runs().logQueryMetrics(b, "exact_match", vb);
        bench.runs().logQueryMetrics(a, "success@10", va);
        bench.runs().logQueryMetrics(b, "success@10", vb);

        var comparison = bench.comparisons().compare(a, b);

        assertThat(comparison.metrics().keySet()).containsExactly("exact_match", "success@10");
        for (var m : comparison.metrics().values()) {
            assertThat(m.type()).isEqualTo(MetricType.PASS_FAIL);
            var flips = m.flips().orElseThrow();
            assertThat(flips.rightToWrong()).containsExactly("i0");
            assertThat(flips.wrongToRight()).containsExactly("i1", "i2", "i3", "i4", "i5", "i6", "i7", "i8", "i9");
            assertThat(flips.mcnemarP()).isCloseTo(0.021484375, within(1e-12));
            assertThat(m.meanA()).isEqualTo(6 / 20.0);
            assertThat(m.meanB()).isEqualTo(14 / 20.0);
            assertThat(m.paired()).isEqualTo(20);
            assertThat(m.excluded()).isZero();
        }
    }

    @Test
    void freeAndAnswerMetricsAreComparedLikeRankingOnesWithTheSameP() {
        var random = new Random(3);
        var a = new LinkedHashMap<String, Double>();
        var b = new LinkedHashMap<String, Double>();
        for (int q = 0; q < 60; q++) {
            double v = random.nextDouble();
            a.put("q" + q, v);
            b.put("q" + q, v + 0.05 * random.nextGaussian());
        }
        String runA = run("a", Map.of());
        String runB = run("b", Map.of());
        for (String metric : new String[] {"ndcg@10", "token_f1", "latency_ms"}) {
            bench.runs().logQueryMetrics(runA, metric, a);
            bench.runs().logQueryMetrics(runB, metric, b);
        }
        bench.runs().logQueryMetrics(runA, "rouge_l", a); // only in A: not shared, so not compared

        var comparison = bench.comparisons().compare(runA, runB);

        assertThat(comparison.metrics().keySet()).containsExactly("latency_ms", "ndcg@10", "token_f1");
        var expected = PairedComparison.paired(
                a.values().stream().mapToDouble(Double::doubleValue).toArray(),
                b.values().stream().mapToDouble(Double::doubleValue).toArray(), PairedComparison.Options.defaults());
        for (var m : comparison.metrics().values()) {
            assertThat(m.p()).isEqualTo(expected.p());
            assertThat(m.ciLow()).isEqualTo(expected.ciLow());
            assertThat(m.ciHigh()).isEqualTo(expected.ciHigh());
            assertThat(m.delta()).isEqualTo(expected.delta());
            assertThat(m.paired()).isEqualTo(60);
        }
        assertThat(comparison.metric("latency_ms").type()).isEqualTo(MetricType.SCORE);
        assertThat(comparison.metric("token_f1").flips()).isEmpty();
    }

    @Test
    void saysWhenTheEvalSetsDiffer() {
        String x1 = run("x1", Map.of(ComparisonService.EVAL_SET_HASH, "aaa"));
        String x2 = run("x2", Map.of(ComparisonService.EVAL_SET_HASH, "aaa"));
        String y = run("y", Map.of(ComparisonService.EVAL_SET_HASH, "bbb"));
        String unknown = run("old", Map.of());
        var service = bench.comparisons();
        assertThat(service.compare(x1, x2).evalSetsDiffer()).isFalse();
        assertThat(service.compare(x1, y).evalSetsDiffer()).isTrue();
        assertThat(service.compare(x1, unknown).evalSetsDiffer()).isFalse();
        assertThat(service.compare(unknown, unknown).evalSetsDiffer()).isFalse();
    }

    @Test
    void aMetricWithNoCommonIdHasNoStatisticsButCountsItsExclusions() {
        String a = run("a", Map.of());
        String b = run("b", Map.of());
        bench.runs().logQueryMetrics(a, "exact_match", values("x", "1", "y", "0"));
        bench.runs().logQueryMetrics(b, "exact_match", values("z", "1"));
        var m = bench.comparisons().compare(a, b).metric("exact_match");
        assertThat(m.paired()).isZero();
        assertThat(m.excluded()).isEqualTo(3);
        assertThat(m.p()).isNaN();
        assertThat(m.flips().orElseThrow().mcnemarP()).isEqualTo(1.0);
    }
}
