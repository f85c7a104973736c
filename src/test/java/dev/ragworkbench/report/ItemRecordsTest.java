package dev.ragworkbench.report;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Model runs' items as the model runner writes them to {@code items.jsonl}, and side by side in a comparison. */
class ItemRecordsTest {

    @Test
    void readsTheModelRunnersItemLinesAndSkipsWhatIsNotAnItem() throws Exception {
        String jsonl = """
                {"id":"1","prompt":"Extract the <party>","expected":"{\\"party\\":\\"ACME\\"}","output":"{\\"party\\":\\"ACME\\"}","error":null,"scores":{"exact_match":1.0}}
                not json
                {"no":"id"}

                {"id":2,"prompt":"Second","expected":"x","output":null,"error":"timed out after 3 tries"}
                """;
        List<ReportRun.Item> items = ItemRecords.parse(new BufferedReader(new StringReader(jsonl)));
        assertThat(items).containsExactly(
                new ReportRun.Item("1", "Extract the <party>", "{\"party\":\"ACME\"}", "{\"party\":\"ACME\"}", null),
                new ReportRun.Item("2", "Second", "x", null, "timed out after 3 tries"));
    }

    @Test
    void itemsBothRunsHaveAreShownSideBySideFlippedFirstWithTheirScores() {
        ReportRun a = run("A", List.of(new ReportRun.Item("1", "p1", "e1", "o1", null),
                new ReportRun.Item("2", "p2", "e2", "o2", null), new ReportRun.Item("3", "p3", "e3", "o3", null)),
                Map.of("1", 1.0, "2", 0.0, "3", 1.0));
        ReportRun b = run("B", List.of(new ReportRun.Item("2", "p2", "e2", "b2", null),
                new ReportRun.Item("1", "p1", "e1", null, "refused")), Map.of("1", 0.0, "2", 1.0));
        var pairs = ItemRecords.sideBySide(a, b, Set.of("2"));
        assertThat(pairs).extracting(ReportComparison.ItemPair::id).containsExactly("2", "1");
        var flipped = pairs.getFirst();
        assertThat(flipped.flipped()).isTrue();
        assertThat(flipped.outputA()).isEqualTo("o2");
        assertThat(flipped.outputB()).isEqualTo("b2");
        assertThat(flipped.scoresA()).containsEntry("exact_match", 0.0);
        assertThat(flipped.scoresB()).containsEntry("exact_match", 1.0);
        assertThat(pairs.get(1).errorB()).isEqualTo("refused");
        assertThat(ItemRecords.sideBySide(a, run("C", List.of(), Map.of()), Set.of())).isEmpty();
    }

    @Test
    void htmlAndMarkdownShowTheItemsSideBySideEscaped() {
        ReportRun a = run("A", List.of(new ReportRun.Item("1", "Extract the <party>", "ACME | Inc", "ACME | Inc", null),
                new ReportRun.Item("2", "p2", "x", "y", null)), Map.of("1", 1.0, "2", 0.0));
        ReportRun b = run("B", List.of(new ReportRun.Item("1", "Extract the <party>", "ACME | Inc", "<b>no</b>", null),
                new ReportRun.Item("2", "p2", "x", "x", null)), Map.of("1", 0.0, "2", 1.0));
        Map<String, ReportRun> byId = Map.of("A", a, "B", b);
        var values = dev.ragworkbench.evaluation.RunValues.of(id -> Map.of(), id -> List.of("exact_match"),
                (id, metric) -> byId.get(id).queryMetrics().get(metric));
        var comparison = new dev.ragworkbench.evaluation.ComparisonService(values,
                dev.ragworkbench.evaluation.MetricRegistry.standard()).compare("A", "B");
        var flips = comparison.metric("exact_match").passFail();
        var flipped = new java.util.HashSet<>(flips.rightToWrong());
        flipped.addAll(flips.wrongToRight());
        var c = new ReportComparison("A", "A", "B", "B", comparison, "exact_match", List.of(), 0,
                ItemRecords.sideBySide(a, b, flipped), null, List.of());
        var report = new Report("models", "2026-12-02T00:00:00Z", "dev", List.of(), List.of(a, b), List.of(c));

        var doc = org.jsoup.Jsoup.parse(ReportWriter.render(report, ReportFormat.HTML));
        var rows = doc.select("table.items tbody tr");
        assertThat(rows).hasSize(2);
        assertThat(rows.first().text()).contains("Extract the <party>", "<b>no</b>", "exact_match 0.00");
        assertThat(doc.select("table.items b")).isEmpty();
        String md = ReportWriter.render(report, ReportFormat.MARKDOWN);
        assertThat(md).contains("Items side by side (2)", "Extract", "ACME \\| Inc", "&lt;b&gt;no&lt;/b&gt;")
                .doesNotContain("<b>");
    }

    private static ReportRun run(String id, List<ReportRun.Item> items, Map<String, Double> scores) {
        SequencedMap<String, SequencedMap<String, Double>> perItem = new LinkedHashMap<>();
        perItem.put("exact_match", new LinkedHashMap<>(scores));
        return new ReportRun(id, id, null, "finished", null, "2026-12-02T00:00:00Z", 1L, "dev",
                new ReportRun.Provenance(null, null, "clauses", 3, null, null, null, null), new LinkedHashMap<>(),
                new LinkedHashMap<>(), new LinkedHashMap<>(), List.of(), 0, perItem, items);
    }
}
