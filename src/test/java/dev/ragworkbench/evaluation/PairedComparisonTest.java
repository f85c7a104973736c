package dev.ragworkbench.evaluation;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PairedComparisonTest {

    static final Metric NDCG = Metric.parse("ndcg@10");
    static final PairedComparison.Options DEFAULTS = PairedComparison.Options.defaults();

    @Test
    void identicalRunsDifferByNothing() {
        double[] a = randomValues(60, 1);
        PairedComparison.Paired c = PairedComparison.paired(a, a.clone(), DEFAULTS);
        assertThat(c.delta()).isZero();
        assertThat(c.ciLow()).isZero();
        assertThat(c.ciHigh()).isZero();
        assertThat(c.p()).isEqualTo(1.0);
        assertThat(c.n()).isEqualTo(60);
        assertThat(c.meanA()).isEqualTo(c.meanB());
    }

    @Test
    void aRunBetterOnEveryQueryIsSignificant() {
        double[] a = randomValues(60, 2);
        double[] b = new double[a.length];
        var random = new Random(3);
        for (int i = 0; i < a.length; i++) {
            b[i] = a[i] + 0.05 + 0.1 * random.nextDouble();
        }
        PairedComparison.Paired c = PairedComparison.paired(a, b, DEFAULTS);
        assertThat(c.delta()).isBetween(0.05, 0.15);
        assertThat(c.delta()).isCloseTo(c.meanB() - c.meanA(), within(1e-12));
        assertThat(c.ciLow()).isGreaterThan(0.05).isLessThan(c.delta());
        assertThat(c.ciHigh()).isGreaterThan(c.delta()).isLessThan(0.15);
        // no sign flip reaches the observed sum except the identity: p = 1 / 10001
        assertThat(c.p()).isEqualTo(1.0 / 10_001);
        assertThat(c.p()).isLessThan(0.05);
        // and the mirror image
        PairedComparison.Paired reverse = PairedComparison.paired(b, a, DEFAULTS);
        assertThat(reverse.delta()).isCloseTo(-c.delta(), within(1e-12));
        assertThat(reverse.p()).isEqualTo(c.p());
    }

    @Test
    void sameSeedSameNumbersOtherSeedOtherInterval() {
        double[] a = randomValues(80, 4);
        double[] b = randomValues(80, 5);
        PairedComparison.Paired one = PairedComparison.paired(a, b, DEFAULTS);
        PairedComparison.Paired two = PairedComparison.paired(a, b, DEFAULTS);
        assertThat(two).isEqualTo(one);
        PairedComparison.Paired other = PairedComparison.paired(a, b, DEFAULTS.withSeed(99));
        assertThat(other.delta()).isEqualTo(one.delta());
        assertThat(other.ciLow()).isNotEqualTo(one.ciLow());
        // two unrelated random runs: no evidence of a difference
        assertThat(one.p()).isGreaterThan(0.05);
        assertThat(one.ciLow()).isLessThan(0).isLessThan(one.delta());
        assertThat(one.ciHigh()).isGreaterThan(0);
    }

    @Test
    void fewQueriesAreEnumeratedExactly() {
        // 3 queries, each +0.1: of the 8 sign patterns only +++ and --- reach |sum| = 0.3 -> p = 2/8.
        PairedComparison.Paired c = PairedComparison.paired(new double[] {0.1, 0.2, 0.3}, new double[] {0.2, 0.3, 0.4},
                DEFAULTS);
        assertThat(c.p()).isEqualTo(0.25);
        // +0.1, +0.1, -0.1: observed |sum| = 0.1; every pattern gives |sum| 0.1 or 0.3 -> p = 8/8
        PairedComparison.Paired mixed = PairedComparison.paired(new double[] {0, 0, 0.1}, new double[] {0.1, 0.1, 0},
                DEFAULTS);
        assertThat(mixed.p()).isEqualTo(1.0);
    }

    @Test
    void tenThousandResamplesOfThreeHundredQueriesAreQuick() {
        double[] a = randomValues(300, 6);
        double[] b = randomValues(300, 7);
        long start = System.nanoTime();
        PairedComparison.paired(a, b, DEFAULTS);
        assertThat((System.nanoTime() - start) / 1e6).as("milliseconds").isLessThan(2000);
    }

    private static double[] randomValues(int n, long seed) {
        var random = new Random(seed);
        var values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = random.nextDouble() * 0.8;
        }
        return values;
    }
}
