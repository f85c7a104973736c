package dev.ragworkbench.cli;

import dev.ragworkbench.evaluation.Metric;
import dev.ragworkbench.evaluation.MetricComparison;
import dev.ragworkbench.format.Formats;
import dev.ragworkbench.format.TextTable;
import dev.ragworkbench.report.JsonOutput;
import dev.ragworkbench.retrieval.Bm25Explanation;
import dev.ragworkbench.retrieval.SearchStage;
import dev.ragworkbench.retrieval.SearchTimings;
import dev.ragworkbench.retrieval.compare.ColumnEvaluation;
import dev.ragworkbench.retrieval.compare.ComparisonReports;
import dev.ragworkbench.retrieval.compare.ColumnHit;
import dev.ragworkbench.retrieval.compare.ColumnResult;
import dev.ragworkbench.retrieval.compare.EvalComparison;
import dev.ragworkbench.retrieval.compare.QueryComparison;
import dev.ragworkbench.retrieval.compare.SideBySideSearch;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How {@code search} prints several columns: side by side for people, the issue's JSON shapes for scripts. */
final class SearchOutput {

    private SearchOutput() {
    }

    /**
     * One query through the columns.
     *
     * @param explainer the search to explain hits with ({@code --explain}), or null
     */
    static void columns(PrintWriter out, QueryComparison found, SideBySideSearch explainer, boolean json) {
        if (json) {
            out.println(JsonOutput.write(ComparisonReports.columns(found, explainer == null ? null
                    : ref -> explainer.details(ref.column(), found.query(), ref.hit().luceneDoc()))));
            return;
        }
        var head = new ArrayList<String>(List.of("rank"));
        int depth = 0;
        for (int c = 0; c < found.columns().size(); c++) {
            head.add((c + 1) + ": document");
            head.add(found.columns().get(c).column().scoreLabel());
            if (c > 0) {
                head.add("vs 1");
            }
            depth = Math.max(depth, found.columns().get(c).hits().size());
        }
        var rows = new ArrayList<List<String>>();
        rows.add(head);
        for (int r = 0; r < depth; r++) {
            var row = new ArrayList<String>(List.of(Integer.toString(r + 1)));
            for (int c = 0; c < found.columns().size(); c++) {
                var hits = found.columns().get(c).hits();
                ColumnHit h = r < hits.size() ? hits.get(r) : null;
                row.add(h == null ? "" : h.docId() + (h.chunk() == 0 ? "" : "#" + h.chunk()));
                row.add(h == null ? "" : Formats.metric(h.score()));
                if (c > 0) {
                    row.add(h == null ? "" : h.movementLabel().isEmpty() ? "=" : h.movementLabel());
                }
            }
            rows.add(row);
        }
        for (int c = 0; c < found.columns().size(); c++) {
            ColumnResult col = found.columns().get(c);
            out.printf(Locale.ROOT, "%d: %s on %s%n", c + 1, col.column().retriever(), col.index());
        }
        out.println();
        out.print(TextTable.of(rows, rightAligned(found.columns().size())));
        out.println();
        var latency = new ArrayList<List<String>>();
        latency.add(List.of("latency ms", "embed", "search", "fusion", "rerank", "total"));
        for (int c = 0; c < found.columns().size(); c++) {
            SearchTimings t = found.columns().get(c).timings();
            var row = new ArrayList<String>(List.of(Integer.toString(c + 1)));
            for (SearchStage s : SearchStage.values()) {
                row.add(t.ran(s) ? Formats.decimal(t.millis(s)) : Formats.MISSING);
            }
            row.add(Formats.decimal(t.totalMillis()));
            latency.add(row);
        }
        out.print(TextTable.of(latency, 1, 2, 3, 4, 5));
        if (explainer != null) {
            for (ColumnResult col : found.columns()) {
                out.printf(Locale.ROOT, "%nBM25 explanation, %s:%n", col.column().retriever());
                for (ColumnHit h : col.hits()) {
                    Bm25Explanation e = explainer.details(col.column(), found.query(), h.luceneDoc()).bm25();
                    var parts = new ArrayList<String>();
                    e.terms().forEach(t -> parts.add(t.term() + " " + Formats.metric(t.score())));
                    out.printf(Locale.ROOT, "  %d %s: %s = %s%n", h.rank(), h.chunkId(), String.join(" + ", parts),
                            Formats.metric(e.score()));
                }
            }
        }
    }

    private static Integer[] rightAligned(int columns) {
        var right = new ArrayList<Integer>(List.of(0));
        int at = 1;
        for (int c = 0; c < columns; c++) {
            right.add(at + 1);
            at += c > 0 ? 3 : 2;
        }
        return right.toArray(Integer[]::new);
    }

    /** An eval set through the columns: per retriever its metrics and, after the first, the paired statistics. */
    static void evaluation(PrintWriter out, EvalComparison result, boolean json) {
        if (json) {
            out.println(JsonOutput.write(ComparisonReports.retrievers(result)));
            return;
        }
        out.printf(Locale.ROOT, "%s: %s evaluated, %d documents each%n%n", result.evalSetName(),
                Formats.counted(result.queryIds().size(), "query"), result.depth());
        var rows = new ArrayList<List<String>>();
        rows.add(List.of("#", "retriever", "index", "metric", "value", "vs 1", "95% CI", "p", "judged@10"));
        for (int i = 0; i < result.columns().size(); i++) {
            ColumnEvaluation c = result.columns().get(i);
            for (Metric m : result.metrics()) {
                MetricComparison vs = c.vsFirst().get(m.toString());
                boolean firstRow = m.equals(result.metrics().getFirst());
                rows.add(List.of(firstRow ? Integer.toString(i + 1) : "", firstRow ? c.column().retriever().toString() : "",
                        firstRow ? c.index() : "", m.toString(), Formats.metric(c.mean(m)),
                        vs == null ? "" : Formats.delta(vs.delta()),
                        vs == null ? "" : "[" + Formats.delta(vs.ciLow()) + ", " + Formats.delta(vs.ciHigh()) + "]",
                        vs == null ? "" : Formats.metric(vs.p()),
                        firstRow ? Formats.percent(c.coverage().overall()) : ""));
            }
        }
        out.print(TextTable.of(rows, 0, 4, 5, 7, 8));
        for (int i = 1; i < result.columns().size(); i++) {
            int n = i + 1;
            result.flips(i).ifPresent(f -> out.printf(Locale.ROOT,
                    "%d vs 1, %s: %d right → wrong, %d wrong → right (McNemar p %s)%n", n, result.flipMetric(),
                    f.rightToWrong().size(), f.wrongToRight().size(), Formats.metric(f.mcnemarP())));
        }
    }
}
