package dev.ragworkbench.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.ragworkbench.evaluation.Comparison;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One run (B) against the report's first run (A): the comparison service's numbers, as {@code runs compare}
 * prints them, plus the texts a reader needs to judge the queries that flipped.
 *
 * @param comparison  the comparison service's result, unchanged
 * @param flipMetric  the pass/fail metric whose flips are listed ({@code success@10} when present), or null
 * @param flips       the queries or items that flipped on {@code flipMetric}, at most {@link #MAX_FLIPS}
 * @param moreFlips   how many flips were left out of {@code flips}
 * @param items       for model runs, the items both runs stored, side by side (flipped first); else empty
 * @param deltaMetric the metric of {@code largestDeltas} ({@code ndcg@10} when compared), or null
 * @param largestDeltas the queries whose {@code deltaMetric} changed most: the largest gains of B first, then
 *                    the largest losses, at most {@link #MAX_DELTAS} of each, with their texts
 */
@JsonPropertyOrder({"a", "nameA", "b", "nameB", "comparison", "flipMetric", "flips", "moreFlips", "items",
        "deltaMetric", "largestDeltas"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReportComparison(String a, String nameA, String b, String nameB, Comparison comparison,
                               String flipMetric, List<Flip> flips, int moreFlips, List<ItemPair> items,
                               String deltaMetric, List<QueryDelta> largestDeltas) {

    public static final int MAX_FLIPS = 100;
    public static final int MAX_ITEMS = 50;
    public static final int MAX_DELTAS = 10;

    public ReportComparison {
        Objects.requireNonNull(comparison, "comparison");
        flips = List.copyOf(flips);
        items = List.copyOf(items);
        largestDeltas = List.copyOf(largestDeltas);
    }

    /**
     * One query's value in both runs, for the table of largest differences.
     *
     * @param query the query's (or item's) text, or null when unknown
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record QueryDelta(String id, String query, double a, double b) {
        public double delta() {
            return b - a;
        }
    }

    /**
     * A query whose pass/fail value changed.
     *
     * @param improved true for wrong → right (B passes where A failed)
     * @param query    the query's text, or null when unknown
     * @param topA     run A's top-ranked document, or null
     * @param topB     run B's top-ranked document, or null
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Flip(String id, boolean improved, String query, Hit topA, Hit topB) {
    }

    /** A ranked document as a report shows it: its id and the start of its text (null when not found). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Hit(String documentId, String text) {
    }

    /** One item in both model runs: the input, the expected output, each run's output and scores. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ItemPair(String id, String input, String expected, String outputA, String outputB,
                           String errorA, String errorB, Map<String, Double> scoresA, Map<String, Double> scoresB,
                           boolean flipped) {
    }
}
