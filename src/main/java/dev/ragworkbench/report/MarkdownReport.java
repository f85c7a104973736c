package dev.ragworkbench.report;

import dev.ragworkbench.evaluation.MetricComparison;
import dev.ragworkbench.format.Formats;

import java.util.List;

/**
 * The Markdown export, written to read well as a pull-request comment (GitHub-flavoured tables): the runs ×
 * metrics table, then each run's comparison with the first (significant deltas in bold, p &lt; 0.05), its flips,
 * and a folded "reproduce" list. Every text from a run (names, ids, params) is escaped, so it neither breaks the
 * table nor turns into markup or HTML.
 */
public final class MarkdownReport {

    static final double ALPHA = 0.05;
    private static final int IDS_LISTED = 10;

    private MarkdownReport() {
    }

    public static String render(Report report) {
        var out = new StringBuilder();
        out.append("## ").append(text(report.title())).append("\n\n");
        out.append("RAG Workbench ").append(text(report.appVersion())).append(" · generated ")
                .append(text(report.generatedAt())).append("\n\n");
        runsTable(out, report);
        for (ReportComparison c : report.comparisons()) {
            comparison(out, c);
        }
        reproduce(out, report);
        return out.toString();
    }

    private static void runsTable(StringBuilder out, Report report) {
        out.append("| run | id | status |");
        report.metrics().forEach(m -> out.append(' ').append(text(m)).append(" |"));
        out.append("\n|---|---|---|");
        report.metrics().forEach(m -> out.append("---:|"));
        out.append('\n');
        for (ReportRun r : report.runs()) {
            out.append("| ").append(text(r.label())).append(" | `").append(code(r.id())).append("` | ")
                    .append(text(r.status())).append(" |");
            for (String m : report.metrics()) {
                Double v = r.metrics().get(m);
                out.append(' ').append(v == null ? Formats.MISSING : Formats.metric(v)).append(" |");
            }
            out.append('\n');
        }
        out.append('\n');
    }

    private static void comparison(StringBuilder out, ReportComparison c) {
        out.append("### ").append(text(c.nameB())).append(" vs ").append(text(c.nameA())).append("\n\n");
        if (c.comparison().evalSetsDiffer()) {
            out.append("> **Warning:** the two runs were evaluated on different eval sets (evalSet.sha256 differs).")
                    .append("\n\n");
        }
        if (c.comparison().metrics().isEmpty()) {
            out.append("The two runs share no per-query metric.\n\n");
            return;
        }
        out.append("| metric | A | B | B − A | 95 % CI | p | McNemar p | queries |\n");
        out.append("|---|---:|---:|---:|---|---:|---:|---:|\n");
        for (MetricComparison m : c.comparison().metrics().values()) {
            String delta = Formats.delta(m.delta());
            out.append("| ").append(text(m.metric())).append(" | ").append(Formats.metric(m.meanA())).append(" | ")
                    .append(Formats.metric(m.meanB())).append(" | ")
                    .append(m.significant(ALPHA) ? "**" + delta + "**" : delta).append(" | [")
                    .append(Formats.delta(m.ciLow())).append(", ").append(Formats.delta(m.ciHigh())).append("] | ")
                    .append(Formats.metric(m.p())).append(" | ")
                    .append(m.flips().map(f -> Formats.metric(f.mcnemarP())).orElse(Formats.MISSING)).append(" | ")
                    .append(m.paired()).append(m.excluded() > 0 ? " (" + m.excluded() + " excluded)" : "")
                    .append(" |\n");
        }
        out.append('\n');
        if (c.flipMetric() != null) {
            var f = c.comparison().metric(c.flipMetric()).passFail();
            out.append("Flips on ").append(text(c.flipMetric())).append(": ")
                    .append(f.rightToWrong().size()).append(" right → wrong").append(ids(f.rightToWrong()))
                    .append(", ").append(f.wrongToRight().size()).append(" wrong → right")
                    .append(ids(f.wrongToRight())).append(".\n\n");
        }
        if (!c.largestDeltas().isEmpty()) {
            out.append("<details><summary>Largest changes in ").append(text(c.deltaMetric()))
                    .append(" per query</summary>\n\n| query | text | A | B | B − A |\n|---|---|---:|---:|---:|\n");
            for (ReportComparison.QueryDelta d : c.largestDeltas()) {
                out.append("| `").append(code(d.id())).append("` | ").append(cell(d.query() == null ? "" : d.query()))
                        .append(" | ").append(Formats.metric(d.a())).append(" | ").append(Formats.metric(d.b()))
                        .append(" | ").append(Formats.delta(d.delta())).append(" |\n");
            }
            out.append("\n</details>\n\n");
        }
        if (!c.items().isEmpty()) {
            out.append("<details><summary>Items side by side (").append(c.items().size()).append(")</summary>\n\n");
            out.append("| item | input | expected | ").append(text(c.nameA())).append(" | ").append(text(c.nameB()))
                    .append(" |\n|---|---|---|---|---|\n");
            for (ReportComparison.ItemPair p : c.items()) {
                out.append("| `").append(code(p.id())).append("`").append(p.flipped() ? " (flipped)" : "")
                        .append(" | ").append(cell(p.input())).append(" | ").append(cell(p.expected())).append(" | ")
                        .append(cell(p.errorA() != null ? "error: " + p.errorA() : p.outputA())).append(" | ")
                        .append(cell(p.errorB() != null ? "error: " + p.errorB() : p.outputB())).append(" |\n");
            }
            out.append("\n</details>\n\n");
        }
    }

    private static String ids(List<String> ids) {
        if (ids.isEmpty()) {
            return "";
        }
        var shown = ids.subList(0, Math.min(IDS_LISTED, ids.size())).stream().map(i -> "`" + code(i) + "`").toList();
        return " (" + String.join(", ", shown) + (ids.size() > IDS_LISTED ? ", …" : "") + ")";
    }

    private static void reproduce(StringBuilder out, Report report) {
        out.append("<details><summary>Reproduce</summary>\n\n");
        for (ReportRun r : report.runs()) {
            var p = r.provenance();
            out.append("- **").append(text(r.label())).append("** (`").append(code(r.id())).append("`): started ")
                    .append(text(r.startedAt())).append(", app ").append(text(r.codeVersion()));
            if (p.specPath() != null) {
                out.append(", spec `").append(code(p.specPath())).append('`');
            }
            if (p.evalSetName() != null) {
                out.append(", eval set ").append(text(p.evalSetName()));
                if (p.evalSetQueries() != null) {
                    out.append(" (").append(Formats.counted(p.evalSetQueries(), "query")).append(')');
                }
            }
            if (p.evalSetSha256() != null) {
                out.append(", sha256 `").append(code(p.evalSetSha256())).append('`');
            }
            if (p.corpus() != null || p.corpusPath() != null) {
                out.append(", corpus ").append(text(p.corpus() != null ? p.corpus() : p.corpusPath()));
            }
            out.append('\n');
        }
        out.append("\n</details>\n");
    }

    private static String cell(String value) {
        if (value == null) {
            return Formats.MISSING;
        }
        String flat = value.strip().replaceAll("\\s+", " ");
        return text(flat.length() > 200 ? flat.substring(0, 199) + "…" : flat);
    }

    /** Text for a table cell or a line: Markdown and HTML characters escaped, line breaks as spaces. */
    static String text(String value) {
        if (value == null) {
            return Formats.MISSING;
        }
        var out = new StringBuilder(value.length() + 8);
        for (char ch : value.toCharArray()) {
            switch (ch) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '\n', '\r', '\t' -> out.append(' ');
                case '\\', '|', '*', '_', '`', '[', ']', '#', '~' -> out.append('\\').append(ch);
                default -> out.append(ch);
            }
        }
        return out.toString();
    }

    /** Text inside a code span: backticks and pipes would end it or the cell, so they become look-alikes. */
    static String code(String value) {
        return value.replace('`', '\'').replace("|", "¦").replaceAll("[\\r\\n]", " ");
    }
}
