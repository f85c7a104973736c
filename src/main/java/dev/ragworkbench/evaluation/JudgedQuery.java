package dev.ragworkbench.evaluation;

import java.util.Arrays;
import java.util.Map;

/**
 * One query's judgments digested once per evaluation: grade lookup, the number of relevant documents and the
 * ideal gain vector, so that each metric is a single pass over the top k.
 */
final class JudgedQuery {

    private final Map<String, Integer> grades;
    private final int relevant;
    /** Positive grades sorted descending: the ideal ranking's gains. */
    private final int[] idealGains;

    JudgedQuery(Map<String, Integer> grades) {
        this.grades = grades;
        int rel = 0;
        int positive = 0;
        for (int g : grades.values()) {
            if (g >= Metric.RELEVANCE_LEVEL) {
                rel++;
            }
            if (g > 0) {
                positive++;
            }
        }
        int[] ideal = new int[positive];
        int n = 0;
        for (int g : grades.values()) {
            if (g > 0) {
                ideal[n++] = g;
            }
        }
        Arrays.sort(ideal);
        for (int i = 0, j = ideal.length - 1; i < j; i++, j--) {
            int t = ideal[i];
            ideal[i] = ideal[j];
            ideal[j] = t;
        }
        this.relevant = rel;
        this.idealGains = ideal;
    }

    /** Documents judged relevant (grade ≥ 1). */
    int relevant() {
        return relevant;
    }

    /** Grade of a document, 0 when it was not judged (trec_eval's unjudged −1 behaves the same here). */
    int grade(String docId) {
        Integer g = grades.get(docId);
        return g == null ? 0 : g;
    }

    /** DCG of the ideal ranking cut at k. */
    double idealDcg(int k) {
        double sum = 0;
        int depth = Math.min(k, idealGains.length);
        for (int i = 0; i < depth; i++) {
            sum += idealGains[i] / Discount.log2RankPlusOne(i);
        }
        return sum;
    }
}
