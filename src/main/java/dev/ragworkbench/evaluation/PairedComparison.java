package dev.ragworkbench.evaluation;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Paired comparison of two runs' per-query values (paired by the caller, see {@link ComparisonService}): mean difference, a percentile bootstrap confidence
 * interval, and a sign-flip randomisation test. Everything is driven by {@link Random} with a fixed seed, whose
 * sequence the JDK specifies exactly, so a comparison gives the same numbers on every machine and run.
 */
public final class PairedComparison {

    public static final long DEFAULT_SEED = 20_240_601L;
    public static final int DEFAULT_RESAMPLES = 10_000;

    /**
     * @param bootstrapResamples resamples of queries (with replacement) for the confidence interval
     * @param permutations       random sign-flip assignments for the test; when 2^queries is no larger, all
     *                           assignments are enumerated instead and the p-value is exact
     * @param confidence         confidence level of the interval, e.g. 0.95
     * @param seed               seed for both random streams
     */
    public record Options(int bootstrapResamples, int permutations, double confidence, long seed) {

        public Options {
            if (bootstrapResamples < 1 || permutations < 1) {
                throw new IllegalArgumentException("resample and permutation counts must be positive");
            }
            if (!(confidence > 0 && confidence < 1)) {
                throw new IllegalArgumentException("confidence must be within (0, 1) but was " + confidence);
            }
        }

        public static Options defaults() {
            return new Options(DEFAULT_RESAMPLES, DEFAULT_RESAMPLES, 0.95, DEFAULT_SEED);
        }

        public Options withSeed(long newSeed) {
            return new Options(bootstrapResamples, permutations, confidence, newSeed);
        }
    }

    private PairedComparison() {
    }

    /**
     * The statistics of B − A over paired values, for any metric name.
     *
     * @param n     number of pairs
     * @param p     two-sided paired randomisation p-value
     */
    public record Paired(double meanA, double meanB, double delta, double ciLow, double ciHigh, double p, int n) {
    }

    /** Paired values {@code b[i]} against {@code a[i]}: means, mean difference, its interval and p-value. */
    public static Paired paired(double[] a, double[] b, Options options) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("unpaired values: " + a.length + " vs " + b.length);
        }
        int n = a.length;
        if (n == 0) {
            throw new IllegalArgumentException("no queries to compare");
        }
        double[] d = new double[n];
        double sumA = 0;
        double sumB = 0;
        for (int i = 0; i < n; i++) {
            d[i] = b[i] - a[i];
            sumA += a[i];
            sumB += b[i];
        }
        double delta = sum(d) / n;
        double[] ci = bootstrapInterval(d, options);
        double p = signFlipPValue(d, options);
        return new Paired(sumA / n, sumB / n, delta, ci[0], ci[1], p, n);
    }

    /**
     * Percentile bootstrap: resample the queries with replacement, take the mean difference of each resample,
     * and report the (1−c)/2 and (1+c)/2 quantiles (linear interpolation between order statistics, the
     * common "type 7" definition).
     */
    static double[] bootstrapInterval(double[] d, Options options) {
        int n = d.length;
        var random = new Random(options.seed());
        double[] means = new double[options.bootstrapResamples()];
        for (int r = 0; r < means.length; r++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += d[random.nextInt(n)];
            }
            means[r] = s / n;
        }
        Arrays.sort(means);
        double tail = (1 - options.confidence()) / 2;
        return new double[] {quantile(means, tail), quantile(means, 1 - tail)};
    }

    private static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        double frac = pos - lo;
        return frac == 0 ? sorted[lo] : sorted[lo] + frac * (sorted[hi] - sorted[lo]);
    }

    /**
     * Two-sided paired randomisation test: under "no difference" each query's difference is as likely to have
     * either sign, so flip signs at random and count how often |mean| reaches the observed |mean|. With a
     * sampled set of flips the p-value is (count + 1) / (permutations + 1), which never reports 0 and counts
     * the observed assignment; with few queries every assignment is enumerated and p = count / 2^n exactly.
     * Identical runs therefore give p = 1.
     */
    static double signFlipPValue(double[] d, Options options) {
        int n = d.length;
        double observed = Math.abs(sum(d));
        double absSum = 0;
        for (double x : d) {
            absSum += Math.abs(x);
        }
        // Sums of the same numbers in other sign patterns may differ from the observed one by rounding only.
        double tolerance = 1e-12 * Math.max(absSum, 1e-300);
        if (n < 31 && (1L << n) <= options.permutations()) {
            long total = 1L << n;
            long count = 0;
            for (long mask = 0; mask < total; mask++) {
                if (Math.abs(flippedSum(d, mask)) >= observed - tolerance) {
                    count++;
                }
            }
            return (double) count / total;
        }
        var random = new Random(options.seed() ^ 0x5DEECE66DL);
        long count = 0;
        for (int r = 0; r < options.permutations(); r++) {
            double s = 0;
            long bits = 0;
            for (int i = 0; i < n; i++) {
                if ((i & 63) == 0) {
                    bits = random.nextLong();
                }
                s += (bits & 1L) == 0 ? d[i] : -d[i];
                bits >>>= 1;
            }
            if (Math.abs(s) >= observed - tolerance) {
                count++;
            }
        }
        return (count + 1.0) / (options.permutations() + 1.0);
    }

    private static double flippedSum(double[] d, long mask) {
        double s = 0;
        for (int i = 0; i < d.length; i++) {
            s += ((mask >>> i) & 1L) == 0 ? d[i] : -d[i];
        }
        return s;
    }

    private static double sum(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s;
    }
}
