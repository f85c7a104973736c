package dev.ragworkbench.evaluation;

import dev.ragworkbench.evaluation.PairwiseTally.Orders;
import dev.ragworkbench.evaluation.PairwiseTally.Preference;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;

import static dev.ragworkbench.evaluation.PairwiseTally.Preference.A;
import static dev.ragworkbench.evaluation.PairwiseTally.Preference.B;
import static dev.ragworkbench.evaluation.PairwiseTally.Preference.TIE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The both-orders rule, worked by hand. */
class PairwiseTallyTest {

    private static final PairedComparison.Options OPTIONS = PairedComparison.Options.defaults();

    @Test
    void onlyAgreeingOrdersCountAndADisagreementIsATie() {
        // B B → win; A A → loss; B A → disagree (tie); TIE TIE → tie, agreed; A TIE → disagree (tie); B B → win
        var orders = List.of(new Orders(B, B), new Orders(A, A), new Orders(B, A), new Orders(TIE, TIE),
                new Orders(A, TIE), new Orders(B, B));
        var t = PairwiseTally.of(orders, 2, OPTIONS);
        assertThat(t.judged()).isEqualTo(6);
        assertThat(t.failed()).isEqualTo(2);
        assertThat(t.wins()).isEqualTo(2);
        assertThat(t.losses()).isEqualTo(1);
        assertThat(t.ties()).isEqualTo(3);
        assertThat(t.agreed()).isEqualTo(4);
        assertThat(t.agreement()).isCloseTo(4.0 / 6, within(1e-12));
        assertThat(t.winRate()).isCloseTo((2 + 1.5) / 6, within(1e-12)); // ties count ½
        // the interval is the comparison service's bootstrap of the per-item scores 1, 0, ½, ½, ½, 1
        double[] ci = PairedComparison.bootstrapInterval(new double[] {1, 0, 0.5, 0.5, 0.5, 1}, OPTIONS);
        assertThat(t.ciLow()).isEqualTo(ci[0]);
        assertThat(t.ciHigh()).isEqualTo(ci[1]);
        assertThat(t.ciLow()).isLessThan(t.winRate()).isGreaterThanOrEqualTo(0);
        assertThat(t.ciHigh()).isGreaterThan(t.winRate()).isLessThanOrEqualTo(1);
        assertThat(PairwiseTally.of(orders, 2, OPTIONS)).isEqualTo(t); // seeded: the same every time
    }

    @Test
    void aJudgeThatAlwaysPrefersTheFirstPositionGivesOnlyTies() {
        // position A holds model A's output in the first order and model B's in the second: "A" both times
        // means "model A", then "model B"
        var t = PairwiseTally.of(Collections.nCopies(10, new Orders(A, B)), 0, OPTIONS);
        assertThat(t.wins()).isZero();
        assertThat(t.losses()).isZero();
        assertThat(t.ties()).isEqualTo(10);
        assertThat(t.agreement()).isZero();
        assertThat(t.winRate()).isEqualTo(0.5);
        assertThat(t.ciLow()).isEqualTo(0.5);
        assertThat(t.ciHigh()).isEqualTo(0.5);
    }

    @Test
    void nothingJudgedHasNoRates() {
        var t = PairwiseTally.of(List.of(), 3, OPTIONS);
        assertThat(t.judged()).isZero();
        assertThat(t.failed()).isEqualTo(3);
        assertThat(t.winRate()).isNaN();
        assertThat(t.agreement()).isNaN();
        assertThat(Preference.TIE.scoreOfB()).isEqualTo(0.5);
    }
}
