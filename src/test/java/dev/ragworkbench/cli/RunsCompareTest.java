package dev.ragworkbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ragworkbench.app.Workbench;
import dev.ragworkbench.evaluation.Metric;
import dev.ragworkbench.evaluation.PairedComparison;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code runs compare} on two real SciFact runs (all 300 test queries, BM25 at Anserini's and at Lucene's default
 * k1 and b), recorded by {@code run} into a real workspace.
 */
class RunsCompareTest {

    static final Path SCIFACT = Path.of(System.getProperty("ragworkbench.shared.data", "../shared/data"), "scifact")
            .toAbsolutePath();

    @TempDir
    static Path dir;
    static String ws;
    static String a;
    static String b;

    record Result(int exit, String out, String err) {
    }

    static Result run(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        int exit = Cli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    @BeforeAll
    static void twoRuns() throws Exception {
        ws = dir.resolve("ws").toString();
        // Every judged abstract plus the first 1000 others: SciFact's real queries and judgments, a quarter of the
        // corpus, so the test indexes in seconds.
        var judged = new java.util.HashSet<String>();
        Files.readAllLines(SCIFACT.resolve("qrels/test.tsv")).stream().skip(1)
                .forEach(line -> judged.add(line.split("\t")[1]));
        Path corpus = dir.resolve("corpus.jsonl");
        var mapper = new ObjectMapper();
        var lines = new ArrayList<String>();
        int others = 0;
        for (String line : Files.readAllLines(SCIFACT.resolve("corpus.jsonl"))) {
            boolean isJudged = judged.contains(mapper.readTree(line).get("_id").asText());
            if (isJudged || others++ < 1000) {
                lines.add(line);
            }
        }
        Files.write(corpus, lines);
        Path spec = dir.resolve("two-bm25.yaml");
        Files.writeString(spec, """
                name: two-bm25
                corpus:  { format: beir, path: %2$s }
                evalSet: { format: beir, queries: %1$s/queries.jsonl, qrels: %1$s/qrels/test.tsv }
                chunking:  [ none ]
                embedding: [ none ]
                retrieval: [ "bm25:k1=0.9,b=0.4", "bm25:k1=1.2,b=0.75" ]
                metrics: [ ndcg@10, recall@100, success@10 ]
                top: 100
                """.formatted(SCIFACT, corpus));
        var r = run("run", spec.toString(), "--workspace", ws, "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        var runs = new ObjectMapper().readTree(r.out()).get("runs");
        assertThat(runs).hasSize(2);
        a = runs.get(0).get("id").asText();
        b = runs.get(1).get("id").asText();
    }

    @Test
    void jsonHasTheComparisonShapeAndTheSameP() throws Exception {
        var r = run("runs", "compare", a, b, "--workspace", ws, "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("a").asText()).isEqualTo(a);
        assertThat(json.get("b").asText()).isEqualTo(b);
        assertThat(json.get("evalSetsDiffer").isBoolean()).isTrue();
        assertThat(json.get("evalSetsDiffer").asBoolean()).isFalse();
        JsonNode metrics = json.get("metrics");
        assertThat(fieldNames(metrics)).containsExactly("ndcg@10", "recall@100", "success@10");
        assertThat(fieldNames(metrics.get("ndcg@10")))
                .containsExactly("meanA", "meanB", "delta", "ciLow", "ciHigh", "p", "paired", "excluded");
        assertThat(fieldNames(metrics.get("success@10"))).containsExactly("meanA", "meanB", "delta", "ciLow",
                "ciHigh", "p", "paired", "excluded", "mcnemarP", "rightToWrong", "wrongToRight");

        try (var bench = Workbench.open(Path.of(ws))) {
            var store = bench.runs();
            for (String name : List.of("ndcg@10", "recall@100", "success@10")) {
                JsonNode m = metrics.get(name);
                // What the old runs compare computed: the stored values paired in A's order, default options.
                var valuesA = store.queryMetrics(a, name);
                var valuesB = store.queryMetrics(b, name);
                double[] va = valuesA.values().stream().mapToDouble(Double::doubleValue).toArray();
                double[] vb = valuesA.keySet().stream().mapToDouble(valuesB::get).toArray();
                var old = PairedComparison.paired(va, vb, PairedComparison.Options.defaults());
                assertThat(m.get("p").asDouble()).as(name).isEqualTo(old.p());
                assertThat(m.get("ciLow").asDouble()).as(name).isEqualTo(old.ciLow());
                assertThat(m.get("delta").asDouble()).as(name).isEqualTo(old.delta());
                assertThat(m.get("meanA").asDouble()).as(name).isEqualTo(bench.runs().run(a).metrics().get(name),
                        org.assertj.core.api.Assertions.within(1e-12));
                assertThat(m.get("paired").asInt()).isEqualTo(300);
                assertThat(m.get("excluded").asInt()).isZero();
            }
            // The flips are real queries whose success@10 changed between the two runs.
            var sa = store.queryMetrics(a, "success@10");
            var sb = store.queryMetrics(b, "success@10");
            JsonNode s = metrics.get("success@10");
            var rightToWrong = texts(s.get("rightToWrong"));
            var wrongToRight = texts(s.get("wrongToRight"));
            assertThat(rightToWrong.size() + wrongToRight.size()).isPositive();
            rightToWrong.forEach(q -> assertThat(sa.get(q) - sb.get(q)).as(q).isEqualTo(1.0));
            wrongToRight.forEach(q -> assertThat(sb.get(q) - sa.get(q)).as(q).isEqualTo(1.0));
            long changed = sa.keySet().stream().filter(q -> !sa.get(q).equals(sb.get(q))).count();
            assertThat(rightToWrong.size() + wrongToRight.size()).isEqualTo((int) changed);
            assertThat(s.get("mcnemarP").asDouble()).isBetween(0.0, 1.0);
        }
    }

    @Test
    void theTableShowsTheSameNumbers() throws Exception {
        var json = new ObjectMapper().readTree(run("runs", "compare", a, b, "--workspace", ws, "--json").out());
        var table = run("runs", "compare", a, b, "--workspace", ws);
        assertThat(table.exit()).as(table.err()).isZero();
        String ndcgLine = table.out().lines().filter(l -> l.startsWith("ndcg@10")).findFirst().orElseThrow();
        assertThat(ndcgLine).contains(String.format(Locale.ROOT, "%.4f", json.at("/metrics/ndcg@10/p").asDouble()),
                String.format(Locale.ROOT, "%+.4f", json.at("/metrics/ndcg@10/delta").asDouble()), "300");
        assertThat(table.out()).contains("success@10: ").contains("right → wrong");
    }

    @Test
    void anUnknownRunIsOnePlainSentence() {
        var r = run("runs", "compare", a, "r-nope", "--workspace", ws, "--json");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("r-nope");
        assertThat(r.out()).isEmpty();
    }

    private static List<String> fieldNames(JsonNode node) {
        var names = new ArrayList<String>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> texts(JsonNode array) {
        var list = new ArrayList<String>();
        array.forEach(n -> list.add(n.asText()));
        return list;
    }
}
