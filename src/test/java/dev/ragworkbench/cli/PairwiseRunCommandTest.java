package dev.ragworkbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ragworkbench.generation.ChatProvider;
import dev.ragworkbench.generation.ChatServer;
import dev.ragworkbench.generation.ScriptedJudge;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.ragworkbench.cli.CliTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code run SPEC} on a test-set spec with two predictions-file models (offline) and a pairwise judge stored with
 * {@code models add}, answering from a scripted server. Items, by hand (the judge prefers the output equal to
 * the reference): a base wins, b and c tuned wins, d neither (tie) → tuned wins 2, ties 1, loses 1, win rate
 * (2 + ½) / 4 = 0.625, agreement 1. The position-biased judge: every item disagrees, 4 ties, agreement 0.
 */
class PairwiseRunCommandTest {

    @TempDir
    Path dir;

    @Test
    void runJsonCarriesTheJudgingBesideTheRunsAndTheTableSaysItInWords() throws Exception {
        Files.writeString(dir.resolve("items.jsonl"), """
                {"id": "a", "instruction": "1+1?", "output": "2"}
                {"id": "b", "instruction": "2+2?", "output": "4"}
                {"id": "c", "instruction": "3+3?", "output": "6"}
                {"id": "d", "instruction": "4+4?", "output": "8"}
                """);
        Files.writeString(dir.resolve("base.jsonl"), """
                {"id": "a", "output": "2"}
                {"id": "b", "output": "5"}
                {"id": "c", "output": "7"}
                {"id": "d", "output": "9"}
                """);
        Files.writeString(dir.resolve("tuned.jsonl"), """
                {"id": "a", "output": "3"}
                {"id": "b", "output": "4"}
                {"id": "c", "output": "6"}
                {"id": "d", "output": "nine"}
                """);
        String ws = dir.resolve("ws").toString();
        try (var fair = new ChatServer(); var biased = new ChatServer()) {
            fair.server.setDispatcher(new ScriptedJudge(ScriptedJudge.FAIR));
            biased.server.setDispatcher(new ScriptedJudge(ScriptedJudge.FIRST_POSITION));
            for (var judge : java.util.List.of(java.util.Map.entry("fair", fair), java.util.Map.entry("biased", biased))) {
                var added = run("models", "add", judge.getKey(), "--provider", "openai", "--base-url",
                        judge.getValue().baseUrl(ChatProvider.OPENAI), "--model", "judge-1", "--workspace", ws);
                assertThat(added.exit()).as(added.err()).isZero();
            }
            Path spec = Files.writeString(dir.resolve("pair.yaml"), """
                    name: sums
                    testSet: { path: items.jsonl }
                    models:
                      - { name: base, provider: predictions, file: base.jsonl }
                      - { name: tuned, provider: predictions, file: tuned.jsonl }
                    metrics: [ exact_match ]
                    judge: { model: fair, pairwise: true, rubric: "Prefer the right sum." }
                    """);
            var result = run("run", spec.toString(), "--workspace", ws, "--json");
            assertThat(result.exit()).as(result.err()).isZero();
            JsonNode root = new ObjectMapper().readTree(result.out());
            assertThat(root.path("runs")).hasSize(2);
            JsonNode p = root.path("pairwise");
            assertThat(p.path("modelA").asText()).isEqualTo("base");
            assertThat(p.path("modelB").asText()).isEqualTo("tuned");
            assertThat(p.path("judge").asText()).isEqualTo("fair");
            assertThat(p.path("wins").asInt()).isEqualTo(2);
            assertThat(p.path("ties").asInt()).isEqualTo(1);
            assertThat(p.path("losses").asInt()).isEqualTo(1);
            assertThat(p.path("failed").asInt()).isZero();
            assertThat(p.path("agreement").asDouble()).isEqualTo(1.0);
            assertThat(p.path("winRate").asDouble()).isEqualTo(0.625);
            assertThat(p.path("winRateCi")).hasSize(2);
            assertThat(p.path("winRateCi").get(0).asDouble()).isLessThan(0.625);
            assertThat(p.path("disagreements")).isEmpty();
            JsonNode run = p.path("run");
            assertThat(run.path("tags").path("kind").asText()).isEqualTo("pairwise");
            assertThat(run.path("params").path("pairwise.runA").asText()).isEqualTo(root.path("runs").get(0).path("id").asText());
            assertThat(run.path("metrics").path("win_rate").asDouble()).isEqualTo(0.625);
            assertThat(run.path("metrics").path("judge_input_tokens").asInt()).isEqualTo(8 * ScriptedJudge.IN);
            assertThat(result.out()).doesNotContain("NaN");

            // the history sees the pairwise run, and runs compare can pair two judgings item by item
            Files.writeString(spec, Files.readString(spec).replace("model: fair", "model: biased"));
            var table = run("run", spec.toString(), "--workspace", ws);
            assertThat(table.exit()).as(table.err()).isZero();
            assertThat(table.out()).contains("Pairwise judge biased: tuned against base, 4 items, each judged in both orders")
                    .contains("tuned wins 0, ties 4, loses 0")
                    .contains("win rate 0.5000 [0.5000, 0.5000]")
                    .contains("orders agreed on 0 of 4 judged items (0 %)")
                    .contains("disagreed a: both times the output shown first");
            String biasedRun = table.out().lines().filter(l -> l.startsWith("Pairwise judge")).findFirst().orElseThrow()
                    .replaceAll(".*\\(run (\\S+)\\)$", "$1");
            var compare = run("runs", "compare", run.path("id").asText(), biasedRun, "--workspace", ws, "--json");
            assertThat(compare.exit()).as(compare.err()).isZero();
            JsonNode score = new ObjectMapper().readTree(compare.out()).path("metrics").path("pairwise_score");
            assertThat(score.path("paired").asInt()).isEqualTo(4);
            assertThat(score.path("meanA").asDouble()).isEqualTo(0.625);
            assertThat(score.path("meanB").asDouble()).isEqualTo(0.5);

            // a CI gate on the judging's win rate (its own run has it, the model runs do not)
            var gated = run("run", spec.toString(), "--workspace", ws, "--fail-if", "win_rate < 0.55");
            assertThat(gated.exit()).as(gated.err()).isEqualTo(1);
            assertThat(gated.err()).contains("gate failed", "win_rate 0.5000");
            var passing = run("run", spec.toString(), "--workspace", ws, "--fail-if", "win_rate < 0.45");
            assertThat(passing.exit()).as(passing.err()).isZero();
        }
    }

    @Test
    void aJudgeThatIsNotStoredIsBadInputBeforeAnyModelRuns() throws Exception {
        Files.writeString(dir.resolve("items.jsonl"), "{\"id\": \"a\", \"instruction\": \"x\", \"output\": \"y\"}\n");
        Files.writeString(dir.resolve("p.jsonl"), "{\"id\": \"a\", \"output\": \"y\"}\n");
        Path spec = Files.writeString(dir.resolve("pair.yaml"), """
                name: sums
                testSet: { path: items.jsonl }
                models:
                  - { name: base, provider: predictions, file: p.jsonl }
                  - { name: tuned, provider: predictions, file: p.jsonl }
                metrics: [ exact_match ]
                judge: { model: nobody, pairwise: true }
                """);
        String ws = dir.resolve("ws").toString();
        var result = run("run", spec.toString(), "--workspace", ws, "--json");
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("no stored model nobody");
        var runs = run("runs", "list", "--workspace", ws, "--json");
        assertThat(runs.out()).doesNotContain("\"base\"");
    }
}
