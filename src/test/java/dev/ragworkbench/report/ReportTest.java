package dev.ragworkbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dev.ragworkbench.app.Workbench;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Every format of a report of two real runs (see {@link ReportFixture}), checked against the store. */
class ReportTest {

    @TempDir
    static Path dir;
    static ReportFixture.Runs runs;
    static Workbench bench;
    static Report report;

    @BeforeAll
    static void twoRuns() throws Exception {
        runs = ReportFixture.create(dir);
        bench = Workbench.open(runs.workspace());
        report = bench.reports().build(runs.ids());
    }

    @AfterAll
    static void close() {
        bench.close();
    }

    @Test
    void theModelHoldsTheComparisonServicesNumbersAndTheFlipsWithTheirTexts() {
        assertThat(report.runs()).extracting(ReportRun::id).containsExactlyElementsOf(runs.ids());
        assertThat(report.comparisons()).hasSize(1);
        ReportComparison c = report.comparisons().getFirst();
        assertThat(c.comparison()).isEqualTo(bench.comparisons().compare(runs.runA(), runs.runB()));
        assertThat(c.flipMetric()).isEqualTo("success@1");
        assertThat(c.flips()).extracting(ReportComparison.Flip::id).containsExactlyInAnyOrder("q-apple", "q-pear");
        var apple = c.flips().stream().filter(f -> f.id().equals("q-apple")).findFirst().orElseThrow();
        assertThat(apple.improved()).isTrue();
        assertThat(apple.query()).isEqualTo("apple");
        assertThat(apple.topA().documentId()).isEqualTo("d-apple-long");
        assertThat(apple.topB().documentId()).isEqualTo("d-apple-short");
        assertThat(apple.topB().text()).isEqualTo(ReportFixture.SCRIPT_DOC);

        ReportRun a = report.first();
        var stored = bench.runs().run(runs.runA());
        assertThat(a.provenance().evalSetSha256()).isEqualTo(stored.params().get("evalSet.sha256")).hasSize(64);
        assertThat(a.provenance().evalSetQueries()).isEqualTo(4);
        assertThat(a.provenance().evalSetName()).isNotBlank();
        assertThat(a.provenance().corpus()).isNotBlank();
        assertThat(a.provenance().specYaml()).contains("name: fruit");
        assertThat(a.provenance().specPath()).endsWith("fruit.yaml");
        assertThat(a.codeVersion()).isEqualTo(report.appVersion());
        assertThat(a.queryMetrics().get("ndcg@10")).isEqualTo(bench.runs().queryMetrics(runs.runA(), "ndcg@10"));
        assertThat(report.title()).isEqualTo("fruit: 2 runs");

        // the queries that moved on ndcg@10: the gain (apple, b = 1 ranks its short document first), then the loss
        assertThat(c.deltaMetric()).isEqualTo("ndcg@10");
        var ndcgA = bench.runs().queryMetrics(runs.runA(), "ndcg@10");
        var ndcgB = bench.runs().queryMetrics(runs.runB(), "ndcg@10");
        assertThat(c.largestDeltas()).extracting(ReportComparison.QueryDelta::id).containsExactly("q-apple", "q-pear");
        assertThat(c.largestDeltas()).allSatisfy(d -> {
            assertThat(d.a()).isEqualTo(ndcgA.get(d.id()));
            assertThat(d.b()).isEqualTo(ndcgB.get(d.id()));
        });
        assertThat(c.largestDeltas().get(0).delta()).isPositive();
        assertThat(c.largestDeltas().get(1).delta()).isNegative();
        assertThat(c.largestDeltas().get(0).query()).isEqualTo("apple");
        assertThat(ndcgA.get("q-banana")).as("an unchanged query is not listed").isEqualTo(ndcgB.get("q-banana"));
    }

    @Test
    void csvHasOneRowPerRunQueryAndMetricAndReadsBack() throws Exception {
        String csv = ReportWriter.render(report, ReportFormat.CSV);
        assertThat(csv).startsWith("run_id,run_name,query_id,metric,value\r\n");
        var mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
        List<List<String>> rows = new ArrayList<>();
        try (MappingIterator<List<String>> it = mapper.readerForListOf(String.class).readValues(csv)) {
            it.forEachRemaining(rows::add);
        }
        assertThat(rows.getFirst()).containsExactly("run_id", "run_name", "query_id", "metric", "value");
        var body = rows.subList(1, rows.size());
        assertThat(body).hasSize(2 * 4 * 3);
        var seen = new HashSet<String>();
        for (List<String> row : body) {
            assertThat(row).hasSize(5);
            var run = bench.runs().run(row.get(0));
            // the names hold commas ("bm25:k1=1.2,b=0"), so they are quoted and read back whole
            assertThat(row.get(1)).isEqualTo(run.name()).contains(",");
            double stored = bench.runs().queryMetrics(row.get(0), row.get(3)).get(row.get(2));
            assertThat(Double.parseDouble(row.get(4))).isEqualTo(stored);
            assertThat(seen.add(row.get(0) + "/" + row.get(2) + "/" + row.get(3))).isTrue();
        }
    }

    @Test
    void markdownTablesHaveOneCellPerColumnAndTheComparisonsNumbers() {
        String md = ReportWriter.render(report, ReportFormat.MARKDOWN);
        List<String> lines = md.lines().toList();
        List<List<String>> tables = tables(lines);
        assertThat(tables).hasSize(3);
        List<String> runsTable = tables.get(0);
        assertThat(runsTable.get(0)).isEqualTo("| run | id | status | ndcg@10 | recall@10 | success@1 |");
        assertThat(runsTable.get(1)).isEqualTo("|---|---|---|---:|---:|---:|");
        assertThat(runsTable).hasSize(4).allSatisfy(l -> assertThat(cells(l)).isEqualTo(6));
        assertThat(runsTable.get(2)).contains(runs.runA(), "finished");

        List<String> compare = tables.get(1);
        assertThat(compare).hasSize(2 + 3).allSatisfy(l -> assertThat(cells(l)).isEqualTo(8));
        var ndcg = bench.comparisons().compare(runs.runA(), runs.runB()).metric("ndcg@10");
        String ndcgRow = compare.stream().filter(l -> l.startsWith("| ndcg@10 |")).findFirst().orElseThrow();
        assertThat(ndcgRow).contains(dev.ragworkbench.format.Formats.delta(ndcg.delta()),
                dev.ragworkbench.format.Formats.metric(ndcg.p()), "| 4 |");
        List<String> deltas = tables.get(2);
        assertThat(deltas).hasSize(2 + 2).allSatisfy(l -> assertThat(cells(l)).isEqualTo(5));
        assertThat(deltas.get(2)).startsWith("| `q-apple` | apple | ");
        assertThat(md).contains("Flips on success@1: 1 right → wrong (`q-pear`), 1 wrong → right (`q-apple`).")
                .contains("<details><summary>Reproduce</summary>")
                .contains(report.first().provenance().evalSetSha256());
    }

    @Test
    void markdownEscapesWhatWouldBreakATableOrBecomeHtml() {
        assertThat(MarkdownReport.text("a|b <script>x</script> *c*")).isEqualTo(
                "a\\|b &lt;script&gt;x&lt;/script&gt; \\*c\\*");
        assertThat(cells("| " + MarkdownReport.text("x|y") + " | z |")).isEqualTo(2);
    }

    @Test
    void jsonHasEverything() throws Exception {
        JsonNode json = new ObjectMapper().readTree(ReportWriter.render(report, ReportFormat.JSON));
        assertThat(json.get("runs")).hasSize(2);
        assertThat(json.get("runs").get(0).get("queryMetrics").get("ndcg@10")).hasSize(4);
        assertThat(json.get("runs").get(0).get("provenance").get("evalSetSha256").asText()).hasSize(64);
        JsonNode m = json.get("comparisons").get(0).get("comparison").get("metrics").get("success@1");
        var expected = bench.comparisons().compare(runs.runA(), runs.runB()).metric("success@1");
        assertThat(m.get("delta").asDouble()).isEqualTo(expected.delta());
        assertThat(m.get("mcnemarP").asDouble()).isEqualTo(expected.passFail().mcnemarP());
        assertThat(json.get("comparisons").get(0).get("flips")).hasSize(2);
    }

    @Test
    void htmlIsSelfContainedAndShowsMarkupAsText() {
        String html = ReportWriter.render(report, ReportFormat.HTML);
        assertThat(html).doesNotContain("<script", "<link", "@import", "url(", "src=", "href=")
                .contains("&lt;script&gt;alert(").contains("Content-Security-Policy");
        var doc = Jsoup.parse(html);
        assertThat(doc.select("script, link, img, iframe, object")).isEmpty();
        assertThat(doc.select("svg.chart")).hasSizeGreaterThanOrEqualTo(3);
        assertThat(doc.select("table.flips").text()).contains(ReportFixture.SCRIPT_DOC);
        assertThat(doc.select("h1").text()).isEqualTo("fruit: 2 runs");
        assertThat(doc.select("details.run").text()).contains("name: fruit", "retrieval.b");
        assertThat(doc.select("table.provenance thead th")).hasSize(1 + 2);
        assertThat(doc.select("table.provenance").text()).contains(report.first().provenance().evalSetSha256(),
                report.appVersion(), "4 queries", "fruit.yaml", report.first().provenance().corpus());
        assertThat(doc.select("table.compare tr")).hasSize(1 + 3);
        assertThat(doc.select("table.deltas tbody tr")).hasSize(2);
        assertThat(doc.select("table.deltas tbody tr").first().text()).startsWith("q-apple apple");
    }

    @Test
    void aOneRunReportHasItsMetricsAndNoComparison() {
        Report one = bench.reports().build(List.of(runs.runB()));
        assertThat(one.comparisons()).isEmpty();
        var doc = Jsoup.parse(ReportWriter.render(one, ReportFormat.HTML));
        assertThat(doc.select("table.runs tbody tr")).hasSize(1);
        assertThat(doc.select("section.comparison")).isEmpty();
        assertThat(doc.select("svg.chart rect.mark-bar")).hasSize(3);
        assertThat(tables(ReportWriter.render(one, ReportFormat.MARKDOWN).lines().toList())).hasSize(1);
    }

    @Test
    void threeRunsAddParallelCoordinatesOfTheParamsThatDiffer() {
        Report three = bench.reports().build(List.of(runs.runA(), runs.runB(), runs.runA()));
        assertThat(three.comparisons()).hasSize(2);
        assertThat(three.comparisons().get(1).flips()).isEmpty();
        var doc = Jsoup.parse(ReportWriter.render(three, ReportFormat.HTML));
        var parallel = doc.select("svg.chart").stream().filter(s -> s.attr("aria-label").equals("Params → ndcg@10"))
                .toList();
        assertThat(parallel).singleElement().satisfies(svg -> {
            assertThat(svg.select("polyline.mark-path")).hasSize(3);
            assertThat(svg.select("text.mark-axis-label").eachText()).containsExactly("retrieval.b", "ndcg@10");
        });
        assertThat(doc.select("section.comparison")).hasSize(2);
    }

    /** Runs of consecutive lines starting with a pipe. */
    static List<List<String>> tables(List<String> lines) {
        var tables = new ArrayList<List<String>>();
        List<String> current = null;
        for (String l : lines) {
            if (l.startsWith("|")) {
                if (current == null) {
                    current = new ArrayList<>();
                    tables.add(current);
                }
                current.add(l);
            } else {
                current = null;
            }
        }
        return tables;
    }

    private static final Pattern UNESCAPED_PIPE = Pattern.compile("(?<!\\\\)\\|");

    /** Cells of a Markdown table row: unescaped pipes minus one. */
    static int cells(String row) {
        return (int) UNESCAPED_PIPE.matcher(row).results().count() - 1;
    }
}
