package dev.ragworkbench.experiment;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The gate's conditions as {@code run --fail-if} reads them, metrics with and without a depth. */
class QualityGateTest {

    @Test
    void readsMetricsWithAndWithoutADepth() {
        assertThat(QualityGate.Condition.parse("ndcg@10 < 0.66"))
                .isEqualTo(new QualityGate.Condition("ndcg@10", "<", 0.66));
        assertThat(QualityGate.Condition.parse(" win_rate<=0.5 "))
                .isEqualTo(new QualityGate.Condition("win_rate", "<=", 0.5));
        assertThat(QualityGate.Condition.parse("exact_match < 1e-1").value()).isEqualTo(0.1);
        assertThat(QualityGate.Condition.parse("Recall@100 >= .9").metric()).isEqualTo("recall@100");
        for (String bad : List.of("ndcg@10", "< 0.5", "win rate < 0.5", "ndcg@10 = 0.5", "9lives < 1")) {
            assertThatThrownBy(() -> QualityGate.Condition.parse(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("METRIC OP NUMBER");
        }
    }

    @Test
    void aWinRateGateFailsTheRunBelowIt() {
        var runs = List.of(new QualityGate.Subject("r1", "tuned vs base", Map.of("win_rate", 0.42)));
        assertThat(QualityGate.check(runs, List.of(QualityGate.Condition.parse("win_rate < 0.5"))))
                .hasValueSatisfying(m -> assertThat(m).contains("win_rate 0.4200", "r1"));
        assertThat(QualityGate.check(runs, List.of(QualityGate.Condition.parse("win_rate < 0.4")))).isEmpty();
    }

    @Test
    void aConditionAppliesToTheRunsThatComputedItsMetricAndOneNoRunComputedIsAnError() {
        var runs = List.of(new QualityGate.Subject("a", "base", Map.of("exact_match", 0.7)),
                new QualityGate.Subject("b", "tuned", Map.of("exact_match", 0.8)),
                new QualityGate.Subject("p", "tuned vs base", Map.of("win_rate", 0.6)));
        assertThat(QualityGate.check(runs, List.of(QualityGate.Condition.parse("win_rate < 0.5")))).isEmpty();
        assertThat(QualityGate.check(runs, List.of(QualityGate.Condition.parse("exact_match < 0.75"))))
                .hasValueSatisfying(m -> assertThat(m).contains("run a (base)"));
        assertThat(QualityGate.check(runs, List.of(QualityGate.Condition.parse("ndcg@10 < 0.5"))))
                .hasValueSatisfying(m -> assertThat(m).contains("no run computed", "exact_match"));
    }
}
