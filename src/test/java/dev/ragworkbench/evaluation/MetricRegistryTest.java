package dev.ragworkbench.evaluation;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MetricRegistryTest {

    final MetricRegistry registry = MetricRegistry.standard();

    @Test
    void rankingNamesInAnySpellingAreOneCanonicalRankedMetricNeedingQrels() {
        for (String spelling : new String[] {"ndcg@10", "NDCG@10", " ndcg_cut.10 "}) {
            var info = registry.lookup(spelling);
            assertThat(info.name()).isEqualTo("ndcg@10");
            assertThat(info.type()).isEqualTo(MetricType.RANKED);
            assertThat(info.needs()).containsExactly(MetricNeed.QRELS);
            assertThat(info.cutOff()).hasValue(10);
            assertThat(info.ranking()).isEqualTo(Metric.parse("ndcg@10"));
            assertThat(info.registered()).isTrue();
        }
        assertThat(registry.canonical("P.5")).isEqualTo("precision@5");
        assertThat(registry.type("map_cut.100")).isEqualTo(MetricType.RANKED);
    }

    @Test
    void successAtKIsPassFailAndStillComputedAsTrecEval() {
        var info = registry.lookup("success.10");
        assertThat(info.name()).isEqualTo("success@10");
        assertThat(info.type()).isEqualTo(MetricType.PASS_FAIL);
        assertThat(info.passFail()).isTrue();
        assertThat(info.ranking().kind()).isEqualTo(MetricKind.SUCCESS);
        assertThat(Metric.parse("mrr@10").type()).isEqualTo(MetricType.RANKED);
    }

    @Test
    void answerMetricsAreRegisteredWithWhatTheyNeed() {
        assertThat(registry.lookup("Exact_Match")).isEqualTo(new MetricInfo("exact_match", MetricType.PASS_FAIL,
                Set.of(MetricNeed.REFERENCE_ANSWER), null, true));
        assertThat(registry.lookup("token_f1").type()).isEqualTo(MetricType.SCORE);
        assertThat(registry.lookup("rouge_l").needs()).containsExactly(MetricNeed.REFERENCE_ANSWER);
        assertThat(registry.lookup("faithfulness").needs()).containsExactly(MetricNeed.JUDGE_MODEL);
        assertThat(registry.lookup("token_f1").cutOff()).isEmpty();
        assertThat(registry.computableWith("faithfulness", EnumSet.of(MetricNeed.QRELS, MetricNeed.REFERENCE_ANSWER)))
                .isFalse();
        assertThat(registry.computableWith("recall@100", EnumSet.of(MetricNeed.QRELS))).isTrue();
    }

    @Test
    void unknownNamesAreFreeScoresKeptAsGiven() {
        var info = registry.lookup(" latency_ms ");
        assertThat(info).isEqualTo(new MetricInfo("latency_ms", MetricType.SCORE, Set.of(), null, false));
        assertThat(registry.find("latency_ms")).isEmpty();
        // A malformed cut-off is not a ranking metric, so it is stored as a free name rather than rejected.
        assertThat(registry.lookup("ndcg@ten").registered()).isFalse();
        assertThatThrownBy(() -> registry.lookup("  ")).hasMessage("a metric name must not be blank");
    }

    @Test
    void laterIssuesRegisterTheirNamesWithoutChangingTheStandardRegistry() {
        var more = registry.with("answer_correct", MetricType.PASS_FAIL, MetricNeed.JUDGE_MODEL);
        assertThat(more.lookup("ANSWER_CORRECT").passFail()).isTrue();
        assertThat(registry.lookup("answer_correct").registered()).isFalse();
        assertThat(more.known()).startsWith("ndcg@k", "recall@k", "precision@k", "mrr@k", "map@k", "success@k")
                .endsWith("exact_match", "token_f1", "rouge_l", "faithfulness", "answer_correct");
        assertThatThrownBy(() -> registry.with("token_f1", MetricType.SCORE))
                .hasMessage("metric 'token_f1' is already registered");
        assertThatThrownBy(() -> registry.with("ndcg.5", MetricType.SCORE))
                .hasMessage("metric 'ndcg.5' is already registered");
        assertThatThrownBy(() -> registry.with("bleu@4", MetricType.SCORE)).hasMessageContaining("without '@'");
        assertThatThrownBy(() -> registry.with("bleu", MetricType.RANKED)).hasMessageContaining("kind@k families");
    }
}
