package dev.ragworkbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code search} with several retrievers on a SciFact subset (50 real test queries with their judgments, the judged
 * abstracts plus 300 others): its per-retriever nDCG@10 is what {@code run} records for the same spec, and its
 * p-value against the first is what {@code runs compare} computes on the runs {@code --save} recorded.
 */
class SearchCompareTest {

    static final Path SCIFACT = RunsCompareTest.SCIFACT;
    static final String A = "bm25:k1=0.9,b=0.4";
    static final String B = "bm25:k1=1.2,b=0.75";

    @TempDir
    static Path dir;
    static String ws;
    static Path qrels;
    static JsonNode runs;
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void indexAndRun() throws Exception {
        ws = dir.resolve("ws").toString();
        var lines = Files.readAllLines(SCIFACT.resolve("qrels/test.tsv"));
        var queries = new LinkedHashSet<String>();
        var kept = new ArrayList<String>(List.of(lines.getFirst()));
        var judged = new HashSet<String>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t");
            if (queries.size() < 50 || queries.contains(f[0])) {
                queries.add(f[0]);
                kept.add(line);
                judged.add(f[1]);
            }
        }
        qrels = dir.resolve("qrels.tsv");
        Files.write(qrels, kept);
        Path corpus = dir.resolve("corpus.jsonl");
        var docs = new ArrayList<String>();
        int others = 0;
        for (String line : Files.readAllLines(SCIFACT.resolve("corpus.jsonl"))) {
            if (judged.contains(JSON.readTree(line).get("_id").asText()) || others++ < 300) {
                docs.add(line);
            }
        }
        Files.write(corpus, docs);
        Path spec = dir.resolve("two-bm25.yaml");
        Files.writeString(spec, """
                name: two-bm25
                corpus:  { format: beir, path: %s }
                evalSet: { format: beir, queries: %s/queries.jsonl, qrels: %s }
                chunking:  [ none ]
                embedding: [ none ]
                retrieval: [ "%s", "%s" ]
                metrics: [ ndcg@10, success@10 ]
                top: 100
                """.formatted(corpus, SCIFACT, qrels, A, B));
        var r = CliTestSupport.run("run", spec.toString(), "--workspace", ws, "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        runs = JSON.readTree(r.out()).get("runs");
        assertThat(runs).hasSize(2);
    }

    @Test
    void metricsEqualRunsAndPEqualsRunsCompare() throws Exception {
        var r = CliTestSupport.run("search", "--workspace", ws, "--retriever", A, "--retriever", B,
                "--queries", SCIFACT.resolve("queries.jsonl").toString(), "--qrels", qrels.toString(),
                "--metrics", "ndcg@10,success@10", "--top", "100", "--json", "--save");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode retrievers = JSON.readTree(r.out()).get("retrievers");
        assertThat(retrievers).hasSize(2);
        assertThat(names(retrievers.get(0))).containsExactly("retriever", "metrics");
        assertThat(names(retrievers.get(1))).containsExactly("retriever", "metrics", "vsFirst");
        for (int i = 0; i < 2; i++) {
            assertThat(retrievers.get(i).get("metrics").get("ndcg@10").asDouble()).as("retriever " + i)
                    .isEqualTo(runs.get(i).get("metrics").get("ndcg@10").asDouble());
        }
        assertThat(retrievers.get(0).get("metrics").get("ndcg@10").asDouble())
                .isNotEqualTo(retrievers.get(1).get("metrics").get("ndcg@10").asDouble());
        JsonNode vs = retrievers.get(1).get("vsFirst").get("ndcg@10");
        assertThat(names(vs)).containsExactly("delta", "ciLow", "ciHigh", "p");

        var saved = Pattern.compile("Saved 2 runs: (\\S+) (\\S+)").matcher(r.err());
        assertThat(saved.find()).as(r.err()).isTrue();
        var cmp = CliTestSupport.run("runs", "compare", saved.group(1), saved.group(2), "--workspace", ws, "--json");
        assertThat(cmp.exit()).as(cmp.err()).isZero();
        JsonNode stored = JSON.readTree(cmp.out()).get("metrics");
        for (String m : List.of("ndcg@10", "success@10")) {
            JsonNode ours = retrievers.get(1).get("vsFirst").get(m);
            assertThat(ours.get("p").asDouble()).as(m).isEqualTo(stored.get(m).get("p").asDouble());
            assertThat(ours.get("delta").asDouble()).as(m).isEqualTo(stored.get(m).get("delta").asDouble());
            assertThat(ours.get("ciLow").asDouble()).as(m).isEqualTo(stored.get(m).get("ciLow").asDouble());
        }
        assertThat(stored.get("ndcg@10").get("paired").asInt()).isEqualTo(50);
        // Also the runs' own comparison: the saved first column is the run's first spec.
        var both = CliTestSupport.run("runs", "compare", runs.get(0).get("id").asText(), saved.group(2),
                "--workspace", ws, "--json");
        assertThat(JSON.readTree(both.out()).get("metrics").get("ndcg@10").get("delta").asDouble())
                .isEqualTo(vs.get("delta").asDouble());
    }

    @Test
    void oneQuerySideBySideHasTheColumnsShape() throws Exception {
        var r = CliTestSupport.run("search", "--workspace", ws, "--retriever", A, "--retriever", B,
                "--query", "vitamin D deficiency and bone density", "--json", "--top", "20");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode json = JSON.readTree(r.out());
        assertThat(names(json)).containsExactly("query", "columns");
        JsonNode first = json.get("columns").get(0);
        JsonNode second = json.get("columns").get(1);
        assertThat(names(first)).containsExactly("retriever", "index", "latencyMs", "hits");
        assertThat(first.get("retriever").asText()).isEqualTo("bm25:b=0.4,k1=0.9");
        assertThat(names(first.get("latencyMs"))).containsExactly("embed", "search", "fusion", "rerank", "total");
        assertThat(first.get("latencyMs").get("embed").isNull()).isTrue();
        assertThat(first.get("latencyMs").get("search").asDouble()).isPositive();
        assertThat(first.get("hits")).hasSize(20);
        assertThat(names(first.get("hits").get(0)))
                .containsExactly("rank", "docId", "chunk", "score", "title", "snippet", "firstRank");
        var firstRanks = new java.util.HashMap<String, Integer>();
        for (JsonNode h : first.get("hits")) {
            assertThat(h.get("firstRank").asInt()).isEqualTo(h.get("rank").asInt());
            firstRanks.put(h.get("docId").asText(), h.get("rank").asInt());
        }
        int moved = 0;
        for (JsonNode h : second.get("hits")) {
            Integer expected = firstRanks.get(h.get("docId").asText());
            if (expected == null) {
                assertThat(h.get("firstRank").isNull()).isTrue();
            } else {
                assertThat(h.get("firstRank").asInt()).isEqualTo(expected);
                moved += expected != h.get("rank").asInt() ? 1 : 0;
            }
        }
        assertThat(moved).as("k1 and b change the order of some hits").isPositive();
    }

    @Test
    void explainSumsTheTermsToTheScore() throws Exception {
        var r = CliTestSupport.run("search", "--workspace", ws, "--retriever", A, "--query",
                "vitamin D bone density", "--json", "--explain", "--top", "3");
        assertThat(r.exit()).as(r.err()).isZero();
        for (JsonNode h : JSON.readTree(r.out()).get("columns").get(0).get("hits")) {
            JsonNode e = h.get("explain");
            double sum = 0;
            for (JsonNode t : e.get("terms")) {
                sum += t.asDouble();
            }
            assertThat(names(e.get("terms"))).containsExactly("vitamin", "d", "bone", "densiti");
            assertThat(sum).isCloseTo(h.get("score").asDouble(), org.assertj.core.api.Assertions.within(1e-4));
            assertThat(e.get("score").asDouble()).isCloseTo(h.get("score").asDouble(),
                    org.assertj.core.api.Assertions.within(1e-4));
        }
    }

    @Test
    void oneRetrieverKeepsItsShapeAndTrecOutNeedsOne() throws Exception {
        var one = CliTestSupport.run("search", "--workspace", ws, "--retriever", A, "--query", "vitamin D", "--json");
        assertThat(one.exit()).as(one.err()).isZero();
        assertThat(names(JSON.readTree(one.out()))).containsExactly("query", "hits", "latencyMs");
        var two = CliTestSupport.run("search", "--workspace", ws, "--retriever", A, "--retriever", B,
                "--query", "vitamin D", "--trec-out", dir.resolve("x.trec").toString());
        assertThat(two.exit()).isEqualTo(2);
        assertThat(two.err()).contains("--trec-dir");
        var dirOut = dir.resolve("runs");
        var files = CliTestSupport.run("search", "--workspace", ws, "--retriever", A, "--retriever", B,
                "--queries", SCIFACT.resolve("queries.jsonl").toString(), "--qrels", qrels.toString(),
                "--trec-dir", dirOut.toString());
        assertThat(files.exit()).as(files.err()).isZero();
        assertThat(files.out()).contains("ndcg@10", "judged@10");
        try (var list = Files.list(dirOut)) {
            assertThat(list.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("1-bm25-b-0.4-k1-0.9.trec", "2-bm25-b-0.75-k1-1.2.trec");
        }
        var trec = Files.readAllLines(dirOut.resolve("1-bm25-b-0.4-k1-0.9.trec"));
        assertThat(trec.stream().map(l -> l.split(" ")[0]).distinct().count()).as("the judged queries only")
                .isEqualTo(50);
        assertThat(trec.size()).as("--top defaults to 1000 with qrels, so past 100 per query").isGreaterThan(50 * 100);
    }

    static List<String> names(JsonNode node) {
        var names = new ArrayList<String>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
