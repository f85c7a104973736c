package dev.ragworkbench.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code run} on the committed quick SciFact spec, its gates, and {@code runs} over what it recorded. */
class RunCommandTest {

    @TempDir
    static Path dir;
    static String ws;
    static String firstJson;

    record Result(int exit, String out, String err) {
        String lastErrLine() {
            var lines = err.strip().split("\\R");
            return lines[lines.length - 1];
        }
    }

    static Result run(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        int exit = Cli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    @BeforeAll
    static void runOnce() {
        ws = dir.resolve("ws").toString();
        var r = run("run", "experiments/scifact-quick.yaml", "--workspace", ws, "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        firstJson = r.out();
    }

    @Test
    void printsRunsWithParamsAndMetricsAsJson() throws Exception {
        var runs = new ObjectMapper().readTree(firstJson).get("runs");
        assertThat(runs).hasSize(1);
        var run = runs.get(0);
        assertThat(run.get("id").asText()).startsWith("r-");
        assertThat(run.get("params").get("retrieval.kind").asText()).isEqualTo("bm25");
        assertThat(run.get("params").get("evalSet.queries").asText()).isEqualTo("50");
        // 50 sampled test queries (seed 42) with BM25 k1=0.9 b=0.4: measured once, must not drift.
        assertThat(run.get("metrics").get("ndcg@10").asDouble()).isBetween(0.70, 0.73);
        // the one JSON shape of a run (RunJson), the same for every command
        assertThat(run.propertyStream().map(java.util.Map.Entry::getKey)).containsExactly("id", "name", "experiment",
                "status", "startedAt", "durationMs", "params", "metrics", "tags");
        assertThat(run.get("experiment").asText()).isEqualTo("scifact-quick");
        assertThat(run.get("status").asText()).isEqualTo("finished");
        assertThat(java.time.Instant.parse(run.get("startedAt").asText())).isBefore(java.time.Instant.now());
        assertThat(run.get("durationMs").asLong()).isPositive();
        assertThat(run.get("tags").isObject()).isTrue();
    }

    @Test
    void aBrokenGateExitsWithOneAndSaysWhy() {
        var r = run("run", "experiments/scifact-quick.yaml", "--workspace", ws, "--fail-if", "ndcg@10 < 0.9");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.lastErrLine()).startsWith("error: gate failed: run r-").contains("ndcg@10 0.71");
        var passing = run("run", "experiments/scifact-quick.yaml", "--workspace", ws, "--fail-if", "ndcg@10 < 0.5");
        assertThat(passing.exit()).as(passing.err()).isZero();
    }

    @Test
    void comparesWithABaselineFile() throws Exception {
        Path better = dir.resolve("better.json");
        // A baseline 0.05 better than what the spec reaches: a drop beyond --max-drop 0.01.
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) new ObjectMapper().readTree(firstJson);
        var metrics = (com.fasterxml.jackson.databind.node.ObjectNode) tree.get("runs").get(0).get("metrics");
        metrics.put("ndcg@10", metrics.get("ndcg@10").asDouble() + 0.05);
        Files.writeString(better, tree.toString());
        var r = run("run", "experiments/scifact-quick.yaml", "--workspace", ws, "--baseline", better.toString(),
                "--max-drop", "0.01");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.lastErrLine()).contains("baseline gate failed").contains("down 0.0500");

        // a file the earlier run --json wrote: {"runs":[{"id","name","params","metrics"}]}
        Path old = dir.resolve("old.json");
        Files.writeString(old, """
                {"runs": [{"id": "r-20261101-120000-abcd", "name": "old", "params": {"retrieval.kind": "bm25"},
                           "metrics": {"ndcg@10": 0.99}}]}""");
        var fromOld = run("run", "experiments/scifact-quick.yaml", "--workspace", ws, "--baseline", old.toString());
        assertThat(fromOld.exit()).isEqualTo(1);
        assertThat(fromOld.lastErrLine()).contains("baseline gate failed").contains("from the baseline's 0.9900");
        Path empty = Files.writeString(dir.resolve("empty.json"), "{\"runs\": []}");
        var none = run("run", "experiments/scifact-quick.yaml", "--workspace", ws, "--baseline", empty.toString());
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.lastErrLine()).contains("empty.json has no runs");

        Path same = dir.resolve("same.json");
        Files.writeString(same, firstJson);
        assertThat(run("run", "experiments/scifact-quick.yaml", "--workspace", ws, "--baseline", same.toString())
                .exit()).isZero();
    }

    @Test
    void listsShowsAndComparesRuns() throws Exception {
        var id = new ObjectMapper().readTree(firstJson).get("runs").get(0).get("id").asText();
        var list = run("runs", "list", "--workspace", ws);
        assertThat(list.out()).contains(id, "none · bm25", "finished", "ndcg@10");
        var listed = new ObjectMapper().readTree(run("runs", "list", "--json", "--workspace", ws).out()).get("runs");
        var first = new ObjectMapper().readTree(firstJson).get("runs").get(0);
        assertThat(listed).as("the same object as run --json printed").anySatisfy(r -> assertThat(r).isEqualTo(first));
        var show = run("runs", "show", id, "--workspace", ws);
        assertThat(show.out()).contains("retrieval.k1", "0.9", "run.trec", "per-query.json");
        var compare = run("runs", "compare", id, id, "--workspace", ws);
        assertThat(compare.out()).contains("ndcg@10", "+0.0000", "1.0000");
        var missing = run("runs", "show", "r-nope", "--workspace", ws);
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.lastErrLine()).startsWith("error: ");
    }

    @Test
    void aBadSpecNamesFileLineAndColumn() throws Exception {
        Path spec = dir.resolve("bad.yaml");
        Files.writeString(spec, "name: bad\ncolour: blue\n");
        var r = run("run", spec.toString(), "--workspace", ws);
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("bad.yaml:2:1: unknown key 'colour'");
    }
}
