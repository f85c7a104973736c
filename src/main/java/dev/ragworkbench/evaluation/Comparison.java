package dev.ragworkbench.evaluation;

/**
 * Run B against run A on one metric over the same queries.
 *
 * @param metric  the metric compared
 * @param meanA   mean of A over the queries
 * @param meanB   mean of B over the queries
 * @param delta   mean of the per-query differences B − A (equals meanB − meanA up to rounding)
 * @param ciLow   lower end of the 95 % percentile-bootstrap confidence interval of {@code delta}
 * @param ciHigh  upper end of that interval
 * @param pValue  two-sided paired randomisation (sign-flip) test p-value for "no difference"
 * @param queries number of paired queries
 */
public record Comparison(Metric metric, double meanA, double meanB, double delta, double ciLow, double ciHigh,
                         double pValue, int queries) {

    /** Whether the difference is significant at level {@code alpha} (e.g. 0.05). */
    public boolean significant(double alpha) {
        return pValue < alpha;
    }
}
