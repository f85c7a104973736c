package dev.ragworkbench.evaluation;

import java.util.List;
import java.util.Objects;

/**
 * The count of a pairwise judging of model B against model A, item by item, each item judged twice: once with A's
 * output shown first, once with B's. A verdict counts only when both orders agree; when they disagree the item is a
 * tie (MT-Bench's rule), so a judge that always prefers one position gives ties, not wins. Items whose judging
 * failed are counted apart ({@code failed}), never as ties.
 *
 * <p>{@code winRate} is B's tie-adjusted win rate, (wins + ½ ties) / judged, the figure FastChat ranks by; its
 * interval is the percentile bootstrap over items of the per-item scores 1, ½, 0 (seeded, the same resampling as
 * the comparison service's). {@code agreement} is the share of judged items on which both orders gave the same
 * verdict, ties included: MT-Bench found GPT-4 consistent on about 65 % of swapped pairs.
 */
public record PairwiseTally(int judged, int failed, int wins, int ties, int losses, int agreed, double winRate,
                            double ciLow, double ciHigh) {

    /** Which model a verdict prefers (models, not positions). */
    public enum Preference {
        A, B, TIE;

        /** B's score on the item: 1 for a win, ½ for a tie, 0 for a loss. */
        public double scoreOfB() {
            return switch (this) {
                case B -> 1;
                case TIE -> 0.5;
                case A -> 0;
            };
        }
    }

    /** One judged item's two verdicts: with A's output first, and with B's output first. */
    public record Orders(Preference aFirst, Preference bFirst) {
        public Orders {
            Objects.requireNonNull(aFirst, "aFirst");
            Objects.requireNonNull(bFirst, "bFirst");
        }

        public boolean agree() {
            return aFirst == bFirst;
        }

        /** The item's verdict: the orders' common one, or a tie when they disagree. */
        public Preference verdict() {
            return agree() ? aFirst : Preference.TIE;
        }
    }

    /** The share of judged items on which both orders agreed; NaN when none was judged. */
    public double agreement() {
        return judged == 0 ? Double.NaN : (double) agreed / judged;
    }

    /** Tallies the judged items' orders ({@code failed} more could not be judged). */
    public static PairwiseTally of(List<Orders> judgedItems, int failed, PairedComparison.Options options) {
        int n = judgedItems.size();
        int wins = 0;
        int ties = 0;
        int losses = 0;
        int agreed = 0;
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            Orders o = judgedItems.get(i);
            agreed += o.agree() ? 1 : 0;
            switch (o.verdict()) {
                case B -> wins++;
                case TIE -> ties++;
                case A -> losses++;
            }
            scores[i] = o.verdict().scoreOfB();
        }
        if (n == 0) {
            return new PairwiseTally(0, failed, 0, 0, 0, 0, Double.NaN, Double.NaN, Double.NaN);
        }
        double[] ci = PairedComparison.bootstrapInterval(scores, options);
        return new PairwiseTally(n, failed, wins, ties, losses, agreed, (wins + 0.5 * ties) / n, ci[0], ci[1]);
    }
}
