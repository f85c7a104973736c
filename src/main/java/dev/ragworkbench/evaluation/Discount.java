package dev.ragworkbench.evaluation;

/** nDCG's rank discount log2(rank + 1), tabulated because every query needs the same first few thousand. */
final class Discount {

    private static final int TABLE = 4096;
    private static final double[] LOG2 = new double[TABLE];

    static {
        for (int i = 0; i < TABLE; i++) {
            LOG2[i] = log2(i + 2);
        }
    }

    private Discount() {
    }

    /** log2(i + 2) for the 0-based position i, i.e. log2(rank + 1): 1 at rank 1, as trec_eval's ndcg_cut. */
    static double log2RankPlusOne(int i) {
        return i < TABLE ? LOG2[i] : log2(i + 2);
    }

    // Exact for powers of two (where Math.log(x)/Math.log(2) can be one ulp off), so 1/log2(2) is exactly 1.
    private static double log2(int x) {
        if (Integer.bitCount(x) == 1) {
            return Integer.numberOfTrailingZeros(x);
        }
        return Math.log(x) / Math.log(2);
    }
}
