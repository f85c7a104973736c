package dev.ragworkbench.evaluation;

/**
 * McNemar's exact test for paired pass/fail outcomes: under "no difference" each discordant pair (passed by one
 * run only) is equally likely to favour either, so the smaller discordant count is Binomial(b + c, ½). The
 * two-sided p-value is twice its lower tail, at most 1. Concordant pairs carry no information and are ignored.
 */
public final class McNemar {

    private McNemar() {
    }

    /**
     * @param b pairs A passed and B failed
     * @param c pairs A failed and B passed
     * @return the two-sided exact p-value; 1 when there is no discordant pair
     */
    public static double exactP(int b, int c) {
        if (b < 0 || c < 0) {
            throw new IllegalArgumentException("discordant counts must be non-negative: " + b + ", " + c);
        }
        int n = b + c;
        if (n == 0) {
            return 1;
        }
        int k = Math.min(b, c);
        // log of C(n, k) / 2^n, in logs because 2^n overflows a double beyond ~1000 pairs
        double logTerm = -n * Math.log(2);
        for (int j = 1; j <= k; j++) {
            logTerm += Math.log((double) (n - k + j) / j);
        }
        // The tail relative to its largest term C(n, k): C(n, i-1) / C(n, i) = i / (n - i + 1).
        double relative = 1;
        double sum = 1;
        for (int i = k; i > 0; i--) {
            relative *= (double) i / (n - i + 1);
            sum += relative;
        }
        return Math.min(1, 2 * Math.exp(logTerm) * sum);
    }
}
