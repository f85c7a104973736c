package dev.ragworkbench.evaluation;

/**
 * What kind of value a metric gives per query or item, which decides how two runs are compared on it: every
 * kind gets the paired bootstrap interval and randomisation test; pass/fail metrics also get McNemar's test and
 * the list of queries or items that flipped.
 */
public enum MetricType {
    /** A graded ranking measure at a cut-off, in [0, 1], e.g. {@code ndcg@10}. */
    RANKED,
    /** A continuous score per query or item, e.g. {@code token_f1}; names nobody registered are treated so. */
    SCORE,
    /** 1 (pass) or 0 (fail) per query or item, e.g. {@code success@10}, {@code exact_match}. */
    PASS_FAIL;

    /** The lower-case id used in JSON and messages, e.g. {@code pass_fail}. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
