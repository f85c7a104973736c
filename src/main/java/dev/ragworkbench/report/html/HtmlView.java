package dev.ragworkbench.report.html;

import java.util.List;

/**
 * What the HTML template shows, every value already formatted: the template only lays it out, and JTE escapes
 * every text in it. The two exceptions it writes as is are {@link #css()} (the app's own stylesheet) and the
 * {@code svg} fields, which {@link dev.ragworkbench.report.chart.SvgRenderer} built with its texts escaped.
 */
public record HtmlView(String css, String title, String generatedAt, String appVersion, List<String> metrics,
                       List<RunRow> runs, List<Chart> charts, List<ComparisonView> comparisons,
                       List<RunDetail> details) {

    /** One row of the runs × metrics table; {@code best} marks the best value of each column (higher is better). */
    public record RunRow(String id, String name, String status, boolean failed, List<String> values,
                         List<Boolean> best) {
    }

    /** An inline chart and its caption. */
    public record Chart(String svg, String caption) {
    }

    public record ComparisonView(String nameA, String idA, String nameB, String idB, boolean evalSetsDiffer,
                                 List<MetricRow> rows, List<Chart> charts, String flipMetric, int rightToWrong,
                                 int wrongToRight, List<FlipView> flips, int moreFlips, List<ItemView> items,
                                 String deltaMetric, List<DeltaView> deltas) {
    }

    /** One query of the largest differences: its values in A and B, formatted, and whether B gained. */
    public record DeltaView(String id, String query, String a, String b, String delta, boolean gain) {
    }

    /**
     * One metric of a comparison.
     *
     * @param direction "up", "down" or "same": the sign of a significant delta ("same" when not significant)
     */
    public record MetricRow(String metric, String a, String b, String delta, String ci, String p, String mcnemar,
                            String queries, String direction) {
    }

    public record FlipView(String id, boolean improved, String query, String topAId, String topAText,
                           String topBId, String topBText) {
    }

    public record ItemView(String id, boolean flipped, String input, String expected, String outputA,
                           String outputB, String scoresA, String scoresB) {
    }

    /** A run's record and provenance, as label/value pairs. */
    public record RunDetail(String id, String name, String status, String statusReason, int failedItems,
                            List<Pair> facts,
                            List<Pair> params, List<Pair> tags, List<String> notes, String specYaml) {
    }

    public record Pair(String key, String value) {
    }
}
