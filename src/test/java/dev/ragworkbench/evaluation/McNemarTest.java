package dev.ragworkbench.evaluation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Values computed by hand from the binomial distribution with p = ½ (and checked against R's binom.test). */
class McNemarTest {

    @Test
    void oneAgainstNine() {
        // 2 * (C(10,0) + C(10,1)) / 2^10 = 22 / 1024
        assertThat(McNemar.exactP(1, 9)).isCloseTo(22.0 / 1024, within(1e-15));
        assertThat(McNemar.exactP(9, 1)).isEqualTo(McNemar.exactP(1, 9));
        assertThat(String.format(java.util.Locale.ROOT, "%.4f", McNemar.exactP(1, 9))).isEqualTo("0.0215");
    }

    @Test
    void smallCounts() {
        assertThat(McNemar.exactP(0, 5)).isCloseTo(2.0 / 32, within(1e-15));        // 0.0625
        assertThat(McNemar.exactP(2, 8)).isCloseTo(2.0 * 56 / 1024, within(1e-15)); // (1 + 10 + 45) / 512
        assertThat(McNemar.exactP(0, 1)).isEqualTo(1.0);                             // 2 * ½, capped
    }

    @Test
    void noDiscordantPairsOrABalanceMeansNoEvidence() {
        assertThat(McNemar.exactP(0, 0)).isEqualTo(1.0);
        assertThat(McNemar.exactP(7, 7)).isEqualTo(1.0);
    }

    @Test
    void manyPairsDoNotOverflow() {
        // 2000 discordant pairs split 1000 / 1000 and 900 / 1100: no 2^2000 anywhere.
        assertThat(McNemar.exactP(1000, 1000)).isEqualTo(1.0);
        double p = McNemar.exactP(900, 1100);
        // Normal approximation with continuity correction: z = (200 - 1) / sqrt(2000) = 4.45, p ≈ 8.6e-6.
        assertThat(p).isBetween(5e-6, 1.5e-5);
    }
}
