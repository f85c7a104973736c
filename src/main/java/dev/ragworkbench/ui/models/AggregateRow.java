package dev.ragworkbench.ui.models;

/**
 * One metric of one model against the first (the base): the paired means, the delta with its bootstrap interval
 * and randomisation p, and for pass/fail metrics McNemar's p and the flip counts (-1 and NaN otherwise).
 */
public record AggregateRow(String metric, String model, double base, double mean, double delta, double ciLow,
                           double ciHigh, double p, double mcnemarP, int rightToWrong, int wrongToRight, int paired) {

    public boolean passFail() {
        return rightToWrong >= 0;
    }
}
