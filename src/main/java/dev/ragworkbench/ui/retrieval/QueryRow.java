package dev.ragworkbench.ui.retrieval;

/**
 * One evaluated query in the per-query table: the metric of column A (the first) and of column B, their
 * difference, and how many of each column's top 10 are judged.
 */
public record QueryRow(String queryId, String text, double a, double b, int judgedA, int judgedB) {

    public double difference() {
        return b - a;
    }
}
