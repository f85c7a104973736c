package dev.ragworkbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ragworkbench.app.Workbench;
import dev.ragworkbench.experiment.CovidQaAnswers;
import dev.ragworkbench.experiment.store.ItemFailure;
import dev.ragworkbench.experiment.store.RunArtifact;
import dev.ragworkbench.generation.ChatProvider;
import dev.ragworkbench.generation.ChatServer;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.ragworkbench.cli.CliTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code run SPEC --json} on a retrieval spec with models and a judge, as a user types it: each run carries
 * {@code judgeFailed} beside its metrics, a judge metric no item could be scored on is absent, and the reasons
 * and replies are kept per item. A bad answer spec exits 2 at the offending line and column.
 */
class AnswerRunCommandTest {

    @TempDir
    Path dir;

    /** Valid JSON for three metrics, but prose for context_recall; an answer "xylophone" has no statements. */
    static MockResponse judge(String prompt) {
        String reply;
        if (prompt.startsWith("You split an answer")) {
            reply = prompt.contains("Answer: " + CovidQaAnswers.WRONG) ? "{\"statements\": []}"
                    : "{\"statements\": [\"a fact\", \"another fact\"]}";
        } else if (prompt.startsWith("You check statements")) {
            reply = "{\"verdicts\": [{\"statement\": \"a fact\", \"reason\": \"said\", \"verdict\": 1},"
                    + " {\"statement\": \"another fact\", \"reason\": \"not said\", \"verdict\": 0}]}";
        } else if (prompt.startsWith("You guess the question")) {
            reply = "{\"questions\": [\"one?\", \"two?\", \"three?\"], \"noncommittal\": 1}";
        } else if (prompt.startsWith("You judge whether a passage")) {
            reply = "{\"reason\": \"it holds the answer\", \"verdict\": 1}";
        } else {
            reply = "The reference answer is fully supported by the context.";
        }
        return ChatServer.openAi(reply, 30, 7);
    }

    @Test
    void runJsonGivesJudgeFailuresBesideTheMetricsAndLeavesOutAMetricNothingScored() throws Exception {
        var covid = new CovidQaAnswers(dir, 1);
        int n = covid.questions.size();
        assertThat(n).isEqualTo(11);
        try (var server = new ChatServer()) {
            server.server.setDispatcher(covid.dispatcher(AnswerRunCommandTest::judge));
            Path spec = Files.writeString(dir.resolve("answers.yaml"), covid.spec(server, """
                    judge: { model: { name: judge, provider: openai, baseUrl: '%s', model: judge, concurrency: 4 } }
                    """.formatted(server.baseUrl(ChatProvider.OPENAI))));
            String ws = dir.resolve("ws").toString();
            var result = run("run", spec.toString(), "--workspace", ws, "--json", "--fresh");
            assertThat(result.exit()).as(result.err()).isZero();
            assertThat(result.out()).doesNotContain("NaN");
            JsonNode runs = new ObjectMapper().readTree(result.out()).path("runs");
            assertThat(runs).hasSize(2);

            // model "script": 10 answered (question 4's call failed), 4 of them "xylophone" (i % 3 == 0)
            JsonNode script = runs.get(0);
            assertThat(script.path("items").path("total").asInt()).isEqualTo(n);
            assertThat(script.path("items").path("failed").asInt()).isEqualTo(1);
            JsonNode metrics = script.path("metrics");
            assertThat(metrics.path("faithfulness").asDouble()).isEqualTo(0.5); // verdicts 1, 0 on the other 6
            assertThat(metrics.path("answer_relevancy").asDouble()).isZero(); // noncommittal
            assertThat(metrics.path("context_precision").asDouble()).isEqualTo(1.0);
            assertThat(metrics.has("context_recall")).as("no item could be scored: absent, not NaN or 0").isFalse();
            assertThat(metrics.has("ndcg@10")).isTrue();
            assertThat(script.path("judgeFailed").path("faithfulness").asInt()).isEqualTo(4);
            assertThat(script.path("judgeFailed").path("answer_relevancy").asInt()).isZero();
            assertThat(script.path("judgeFailed").path("context_precision").asInt()).isZero();
            assertThat(script.path("judgeFailed").path("context_recall").asInt()).isEqualTo(10);
            // judge calls apart from the model's: 6 × (2 + 1 + 3 + 2) + 4 × (1 + 1 + 3 + 2), 30 tokens in each
            assertThat(metrics.path("judge_calls").asInt()).isEqualTo(76);
            assertThat(metrics.path("judge_input_tokens").asDouble()).isEqualTo(76 * 30.0);
            assertThat(metrics.path("judge_output_tokens").asDouble()).isEqualTo(76 * 7.0);
            assertThat(metrics.path("input_tokens").asDouble()).isEqualTo(10 * 100.0);
            assertThat(script.path("params").path("judge.model.name").asText()).isEqualTo("judge");
            assertThat(script.path("params").path("judge.embedder").asText()).isEqualTo("all-minilm-l6-v2");

            // model "wrong": every answer "xylophone", so no answer has a statement to check
            JsonNode wrong = runs.get(1);
            assertThat(wrong.path("metrics").has("faithfulness")).isFalse();
            assertThat(wrong.path("judgeFailed").path("faithfulness").asInt()).isEqualTo(n);

            var table = run("run", spec.toString(), "--workspace", ws); // from the call cache this time
            assertThat(table.exit()).as(table.err()).isZero();
            var header = table.out().lines().findFirst().orElseThrow();
            assertThat(header.split("\\s+")).containsExactly("run", "name", "status", "ndcg@10", "recall@10",
                    "exact_match", "token_f1", "rouge_l", "faithfulness", "answer_relevancy", "context_precision",
                    "context_recall", "items", "failed");
            assertThat(table.out().lines().skip(2).toList()).hasSize(2).allSatisfy(l -> assertThat(l).contains("–"));

            try (var bench = Workbench.open(Path.of(ws))) {
                String id = script.path("id").asText();
                List<ItemFailure> failures = bench.runs().itemFailures(id);
                assertThat(failures).filteredOn(f -> "faithfulness".equals(f.metric())).hasSize(4)
                        .allSatisfy(f -> assertThat(f.reason()).isEqualTo(
                                "no_statements: the answer makes no statement that could be checked against the context"));
                assertThat(failures).filteredOn(f -> "context_recall".equals(f.metric())).hasSize(10)
                        .allSatisfy(f -> {
                            assertThat(f.reason()).startsWith("unparseable: the judge's reply could not be read: the"
                                    + " reply is not a JSON object");
                            assertThat(f.reply()).isEqualTo("The reference answer is fully supported by the context.");
                        });
                assertThat(failures).filteredOn(f -> f.metric() == null).hasSize(1); // the failed call
                var artifact = bench.runs().run(id).artifacts().stream()
                        .filter(a -> a.name().equals("verdicts.jsonl")).findFirst().orElseThrow();
                var lines = Files.readAllLines(bench.runs().file(artifact));
                assertThat(lines).hasSize(10 * 4);
                var recall = new ObjectMapper().readTree(lines.stream().filter(l -> l.contains("context_recall"))
                        .findFirst().orElseThrow());
                assertThat(recall.path("status").asText()).isEqualTo("unparseable");
                assertThat(recall.path("replies")).hasSize(2); // the reply, and the reply to the retry
                assertThat(bench.runs().queryMetrics(id, "faithfulness").values()).hasSize(6)
                        .allSatisfy(v -> assertThat(v).isCloseTo(0.5, within(1e-12)));
                assertThat(bench.runs().run(id).artifacts()).extracting(RunArtifact::name)
                        .contains("items.jsonl", "prompt.txt", "run.trec");
            }
        }
    }

    @Test
    void aBadAnswerSpecExitsTwoAtTheLineAndColumnOfEachProblem() throws Exception {
        var covid = new CovidQaAnswers(dir, 1);
        String ws = dir.resolve("ws").toString();
        Path bad = Files.writeString(dir.resolve("bad.yaml"), """
                name: bad-answers
                corpus: { format: beir, path: corpus.jsonl }
                evalSet: { format: squad, path: covid.squad.json }
                retrieval: [ bm25 ]
                metrics: [ ndcg@10, token_f1 ]
                models: [ nope ]
                prompt: { template: "Q: {instruction}", contextTop: 0 }
                """);
        var r = run("run", bad.toString(), "--workspace", ws);
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("bad.yaml:5:21: 'token_f1' scores answers, not rankings")
                .contains("bad.yaml:7:21: unknown placeholder {instruction} in the prompt; known: {context}, {question}")
                .contains("bad.yaml:7:53: contextTop (chunks in {context}) must be between 1 and 1000, got 0")
                .contains("3 problems in");

        Path unknown = Files.writeString(dir.resolve("unknown.yaml"), """
                name: unknown-model
                corpus: { format: beir, path: corpus.jsonl }
                evalSet: { format: squad, path: covid.squad.json }
                retrieval: [ bm25 ]
                metrics: [ ndcg@10 ]
                models:
                  - nope
                judge: { model: nobody }
                """);
        var u = run("run", unknown.toString(), "--workspace", ws);
        assertThat(u.exit()).isEqualTo(2);
        assertThat(u.err()).contains("unknown.yaml:7:5: no stored model nope in this workspace")
                .contains("unknown.yaml:8:17: no stored model nobody");
        var list = run("runs", "list", "--workspace", ws, "--json");
        assertThat(list.out()).doesNotContain("unknown-model"); // nothing recorded

        Path orphan = Files.writeString(dir.resolve("orphan.yaml"), """
                name: orphan
                corpus: { format: beir, path: corpus.jsonl }
                evalSet: { format: squad, path: covid.squad.json }
                retrieval: [ bm25 ]
                metrics: [ ndcg@10 ]
                judge: { model: j }
                """);
        var o = run("run", orphan.toString(), "--workspace", ws);
        assertThat(o.exit()).isEqualTo(2);
        assertThat(o.err()).contains("orphan.yaml:6:1: 'judge' needs 'models'");
    }
}
