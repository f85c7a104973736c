package dev.ragworkbench.report.html;

import dev.ragworkbench.evaluation.MetricComparison;
import dev.ragworkbench.format.Formats;
import dev.ragworkbench.report.Report;
import dev.ragworkbench.report.ReportComparison;
import dev.ragworkbench.report.ReportRun;
import dev.ragworkbench.report.chart.BarChart;
import dev.ragworkbench.report.chart.ComparisonFigures;
import dev.ragworkbench.report.chart.ParallelCoordinates;
import dev.ragworkbench.report.chart.ScatterChart;
import dev.ragworkbench.report.chart.SvgRenderer;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The HTML export: one self-contained page (inline CSS and SVG, no script, nothing fetched; its Content Security
 * Policy forbids both) rendered by the precompiled JTE template {@code report/html.jte}, which escapes every text.
 */
public final class HtmlReport {

    /** Aggregate charts drawn at most, so a report of many metrics stays readable. */
    static final int MAX_BAR_CHARTS = 6;
    static final int MAX_PARALLEL_AXES = 6;
    static final double ALPHA = 0.05;
    private static final String PRIMARY = "ndcg@10";
    /** Params every run of a grid has different values of without saying anything about the set-up. */
    private static final Set<String> NOT_AXES = Set.of("index.name", "evalSet.sha256");

    private static final TemplateEngine ENGINE = TemplateEngine.createPrecompiled(null, ContentType.Html,
            HtmlReport.class.getClassLoader(), "gg.jte.generated.precompiled");
    private static final String CSS = load("report.css") + "\n" + SvgRenderer.stylesheet();

    private HtmlReport() {
    }

    public static String render(Report report) {
        var out = new StringOutput(64 * 1024);
        ENGINE.render("report/html.jte", view(report), out);
        return out.toString();
    }

    static HtmlView view(Report report) {
        String primary = report.metrics().contains(PRIMARY) ? PRIMARY
                : report.metrics().isEmpty() ? null : report.metrics().getFirst();
        return new HtmlView(CSS, report.title(), report.generatedAt(), report.appVersion(), report.metrics(),
                runRows(report), charts(report, primary),
                report.comparisons().stream().map(c -> comparison(report, c, primary)).toList(),
                report.runs().stream().map(HtmlReport::detail).toList());
    }

    private static List<HtmlView.RunRow> runRows(Report report) {
        var best = new double[report.metrics().size()];
        java.util.Arrays.fill(best, Double.NEGATIVE_INFINITY);
        for (ReportRun r : report.runs()) {
            for (int i = 0; i < best.length; i++) {
                Double v = r.metrics().get(report.metrics().get(i));
                if (v != null && !v.isNaN()) {
                    best[i] = Math.max(best[i], v);
                }
            }
        }
        var rows = new ArrayList<HtmlView.RunRow>();
        for (ReportRun r : report.runs()) {
            var values = new ArrayList<String>();
            var isBest = new ArrayList<Boolean>();
            for (int i = 0; i < best.length; i++) {
                Double v = r.metrics().get(report.metrics().get(i));
                values.add(v == null ? Formats.MISSING : Formats.metric(v));
                isBest.add(report.runs().size() > 1 && v != null && v == best[i]);
            }
            rows.add(new HtmlView.RunRow(r.id(), r.label(), r.status(),
                    !r.status().equals("finished"), values, isBest));
        }
        return rows;
    }

    private static List<HtmlView.Chart> charts(Report report, String primary) {
        var charts = new ArrayList<HtmlView.Chart>();
        List<String> labels = report.runs().stream().map(ReportRun::label).toList();
        if (report.runs().size() == 1) {
            ReportRun r = report.first();
            var bars = new ArrayList<BarChart.Bar>();
            int s = 0;
            for (var e : r.metrics().entrySet()) {
                bars.add(new BarChart.Bar(e.getKey(), e.getValue(), Double.NaN, Double.NaN, s++));
            }
            double width = Math.max(BarChart.WIDTH, 70.0 * bars.size());
            charts.add(new HtmlView.Chart(SvgRenderer.render(BarChart.figure("Metrics of " + r.label(), "value",
                    bars, Double.NaN, width, BarChart.HEIGHT)), "The run's aggregate metrics."));
            return charts;
        }
        var compared = new LinkedHashSet<String>();
        for (String m : report.metrics()) {
            if (report.comparisons().getFirst().comparison().metrics().containsKey(m)) {
                compared.add(m);
            }
        }
        report.comparisons().getFirst().comparison().metrics().keySet().forEach(compared::add);
        var comparisons = report.comparisons().stream().map(ReportComparison::comparison).toList();
        int drawn = 0;
        for (String metric : compared) {
            if (drawn++ == MAX_BAR_CHARTS) {
                break;
            }
            charts.add(new HtmlView.Chart(SvgRenderer.render(ComparisonFigures.bars(metric, labels,
                    firstMean(report.first(), metric), comparisons)), metric
                    + ": whiskers are the 95 % interval of each run's mean from its paired difference with the"
                    + " first run (dashed line)."));
        }
        if (report.runs().size() >= 3 && primary != null) {
            List<String> axes = differingParams(report.runs());
            if (!axes.isEmpty()) {
                var rows = report.runs().stream().map(r -> new ParallelCoordinates.Row(r.label(), r.params(),
                        r.metrics().getOrDefault(primary, Double.NaN))).toList();
                charts.add(new HtmlView.Chart(SvgRenderer.render(ParallelCoordinates.figure(
                        "Params → " + primary, axes, primary, rows)),
                        "Each run is a line from its params to its " + primary + "; darker lines score higher."));
            }
        }
        return charts;
    }

    static double firstMean(ReportRun run, String metric) {
        Double aggregate = run.metrics().get(metric);
        if (aggregate != null) {
            return aggregate;
        }
        var values = run.queryMetrics().get(metric);
        return values == null || values.isEmpty() ? Double.NaN
                : values.values().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    static List<String> differingParams(List<ReportRun> runs) {
        var keys = new LinkedHashSet<String>();
        runs.forEach(r -> keys.addAll(r.params().keySet()));
        var differing = new ArrayList<String>();
        for (String k : keys) {
            if (NOT_AXES.contains(k)) {
                continue;
            }
            long distinct = runs.stream().map(r -> Objects.toString(r.params().get(k))).distinct().count();
            if (distinct > 1) {
                differing.add(k);
            }
        }
        return differing.subList(0, Math.min(MAX_PARALLEL_AXES, differing.size()));
    }

    private static HtmlView.ComparisonView comparison(Report report, ReportComparison c, String primary) {
        var rows = new ArrayList<HtmlView.MetricRow>();
        for (MetricComparison m : c.comparison().metrics().values()) {
            String direction = !m.significant(ALPHA) ? "same" : m.delta() > 0 ? "up" : "down";
            rows.add(new HtmlView.MetricRow(m.metric(), Formats.metric(m.meanA()), Formats.metric(m.meanB()),
                    Formats.delta(m.delta()), "[" + Formats.delta(m.ciLow()) + ", " + Formats.delta(m.ciHigh()) + "]",
                    Formats.metric(m.p()), m.flips().map(f -> Formats.metric(f.mcnemarP())).orElse(Formats.MISSING),
                    m.paired() + (m.excluded() > 0 ? " (" + m.excluded() + " excluded)" : ""), direction));
        }
        var charts = new ArrayList<HtmlView.Chart>();
        ReportRun a = run(report, c.a());
        ReportRun b = run(report, c.b());
        String scatterMetric = primary != null && c.comparison().metrics().containsKey(primary) ? primary
                : c.comparison().metrics().isEmpty() ? null : c.comparison().metrics().firstEntry().getKey();
        if (scatterMetric != null) {
            charts.add(new HtmlView.Chart(SvgRenderer.render(ScatterChart.figure(scatterMetric + " per query",
                    c.nameA(), c.nameB(), a.queryMetrics().getOrDefault(scatterMetric, new java.util.LinkedHashMap<>()),
                    b.queryMetrics().getOrDefault(scatterMetric, new java.util.LinkedHashMap<>()))),
                    "One point per query (bigger: several queries with the same values); above the diagonal "
                            + c.nameB() + " scores higher."));
        }
        int r2w = 0;
        int w2r = 0;
        if (c.flipMetric() != null) {
            var f = c.comparison().metric(c.flipMetric()).passFail();
            r2w = f.rightToWrong().size();
            w2r = f.wrongToRight().size();
        }
        var flips = c.flips().stream().map(f -> new HtmlView.FlipView(f.id(), f.improved(), f.query(),
                f.topA() == null ? null : f.topA().documentId(), f.topA() == null ? null : f.topA().text(),
                f.topB() == null ? null : f.topB().documentId(), f.topB() == null ? null : f.topB().text())).toList();
        var items = c.items().stream().map(p -> new HtmlView.ItemView(p.id(), p.flipped(), p.input(), p.expected(),
                p.errorA() != null ? "error: " + p.errorA() : p.outputA(),
                p.errorB() != null ? "error: " + p.errorB() : p.outputB(), scores(p.scoresA()),
                scores(p.scoresB()))).toList();
        var deltas = c.largestDeltas().stream().map(d -> new HtmlView.DeltaView(d.id(), d.query(),
                Formats.metric(d.a()), Formats.metric(d.b()), Formats.delta(d.delta()), d.delta() > 0)).toList();
        return new HtmlView.ComparisonView(c.nameA(), c.a(), c.nameB(), c.b(), c.comparison().evalSetsDiffer(), rows,
                charts, c.flipMetric(), r2w, w2r, flips, c.moreFlips(), items, c.deltaMetric(), deltas);
    }

    private static ReportRun run(Report report, String id) {
        return report.runs().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    private static String scores(Map<String, Double> scores) {
        return String.join(" · ", scores.entrySet().stream()
                .map(e -> e.getKey() + " " + String.format(Locale.ROOT, "%.2f", e.getValue())).toList());
    }

    private static HtmlView.RunDetail detail(ReportRun r) {
        var p = r.provenance();
        // The same facts in the same order for every run: the template lays them out as one table.
        var facts = new ArrayList<HtmlView.Pair>();
        facts.add(new HtmlView.Pair("experiment", r.experiment() == null ? Formats.MISSING : r.experiment()));
        facts.add(new HtmlView.Pair("started", r.startedAt()));
        facts.add(new HtmlView.Pair("duration", r.durationMs() == null ? Formats.MISSING
                : Formats.duration(java.time.Duration.ofMillis(r.durationMs()))));
        facts.add(new HtmlView.Pair("app version", r.codeVersion() == null ? Formats.MISSING : r.codeVersion()));
        facts.add(new HtmlView.Pair("spec", p.specPath() == null ? Formats.MISSING : p.specPath()));
        facts.add(new HtmlView.Pair("eval set", (p.evalSetName() == null ? Formats.MISSING : p.evalSetName())
                + (p.evalSetQueries() == null ? "" : " · " + Formats.counted(p.evalSetQueries(), "query"))));
        facts.add(new HtmlView.Pair("eval set sha256", p.evalSetSha256() == null ? Formats.MISSING
                : p.evalSetSha256()));
        facts.add(new HtmlView.Pair("corpus", p.corpus() != null ? p.corpus()
                + (p.corpusPath() == null ? "" : " (" + p.corpusPath() + ")")
                : p.corpusPath() == null ? Formats.MISSING : p.corpusPath()));
        facts.add(new HtmlView.Pair("index", p.index() == null ? Formats.MISSING : p.index()));
        return new HtmlView.RunDetail(r.id(), r.label(), r.status(), r.statusReason(), r.failedItems(), facts,
                pairs(r.params()), pairs(r.tags()), r.notes(), p.specYaml());
    }

    private static List<HtmlView.Pair> pairs(Map<String, String> map) {
        return map.entrySet().stream().map(e -> new HtmlView.Pair(e.getKey(), e.getValue())).toList();
    }

    private static String load(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("report stylesheet " + name + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
