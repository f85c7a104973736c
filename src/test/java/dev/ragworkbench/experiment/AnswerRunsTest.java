package dev.ragworkbench.experiment;

import dev.ragworkbench.app.Workbench;
import dev.ragworkbench.evaluation.SquadText;
import dev.ragworkbench.experiment.history.HistorySearch;
import dev.ragworkbench.experiment.spec.ExperimentSpec;
import dev.ragworkbench.experiment.store.HistoryQuery;
import dev.ragworkbench.experiment.store.Run;
import dev.ragworkbench.experiment.store.RunArtifact;
import dev.ragworkbench.experiment.store.RunStatus;
import dev.ragworkbench.generation.ChatServer;
import dev.ragworkbench.progress.Cancellation;
import dev.ragworkbench.progress.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The answers of a RAG set-up on real COVID-QA articles, a real Lucene index and a real workspace, with the
 * model a scripted OpenAI-protocol server that gives the reference answer for some questions and a wrong one for
 * others: the answer metrics equal the script's, the retrieval metrics stay in the same run, and a failed call is
 * left out and counted.
 */
class AnswerRunsTest {

    @TempDir
    Path dir;

    @Test
    void eachModelAnswersEveryQueryFromItsTopChunksAndIsScoredBesideTheRetrievalMetrics() throws Exception {
        var covid = new CovidQaAnswers(dir, 3);
        int n = covid.questions.size();
        assertThat(n).isEqualTo(27);
        try (var server = new ChatServer(); var bench = Workbench.open(dir.resolve("ws"))) {
            server.server.setDispatcher(covid.dispatcher());
            Path specFile = Files.writeString(dir.resolve("answers.yaml"), covid.spec(server, ""));
            var spec = ExperimentSpec.load(specFile);
            var outcomes = new ExperimentRunner(bench, bench.runs()).run(spec,
                    new ExperimentRunner.Options(null, null, null, true), ProgressListener.NONE, Cancellation.none());

            assertThat(outcomes).extracting(o -> o.run().name())
                    .containsExactly("recursive-256-32 · bm25 · script", "recursive-256-32 · bm25 · wrong");
            var script = outcomes.get(0);
            Run run = script.run();
            assertThat(run.status()).isEqualTo(RunStatus.FINISHED);

            // the script, by hand: i % 3 == 0 wrong (EM 0, F1 0), else right; question 4 (4 % 3 == 1) failed
            int right = 0;
            double f1 = 0;
            for (int i = 0; i < n; i++) {
                if (i != CovidQaAnswers.FAILING && i % 3 != 0) {
                    right++;
                }
                if (i != CovidQaAnswers.FAILING && i % 3 == 0) {
                    f1 += SquadText.tokenF1(CovidQaAnswers.WRONG, covid.references.get(i));
                }
            }
            assertThat(f1).as("no reference shares a token with the wrong answer").isZero();
            assertThat(run.metrics().get("exact_match")).isCloseTo((double) right / (n - 1), within(1e-12));
            assertThat(run.metrics().get("token_f1")).isCloseTo((double) right / (n - 1), within(1e-12));
            assertThat(run.metrics().get("rouge_l")).isCloseTo((double) right / (n - 1), within(1e-12));
            assertThat(outcomes.get(1).run().metrics().get("exact_match")).isZero();
            assertThat(script.items()).hasSize(n);
            assertThat(script.failedItems()).isEqualTo(1);
            String failedId = script.items().get(CovidQaAnswers.FAILING).id();
            assertThat(bench.runs().itemFailures(run.id())).singleElement().satisfies(f -> {
                assertThat(f.itemId()).isEqualTo(failedId);
                assertThat(f.metric()).isNull();
                assertThat(f.reason()).startsWith("other: 400 Bad Request").contains("scripted failure");
            });

            // retrieval metrics in the same run, per query for all 27; answers per item for the 26 answered
            assertThat(run.metrics()).containsKeys("ndcg@10", "recall@10", "input_tokens", "output_tokens",
                    "latency_ms", "cache_hits");
            assertThat(run.metrics().get("input_tokens")).isEqualTo(100.0 * (n - 1));
            assertThat(bench.runs().queryMetrics(run.id(), "ndcg@10")).hasSize(n);
            assertThat(bench.runs().queryMetrics(run.id(), "token_f1")).hasSize(n - 1).doesNotContainKey(failedId);
            assertThat(run.metrics().get("ndcg@10")).isGreaterThan(0.8);

            // "retrieval found it, the model got it wrong" is one filter away
            var found = bench.runs().search(HistoryQuery.all().where(HistorySearch.parse(
                    "metrics.ndcg@10 > 0.8 and metrics.token_f1 < 0.2"))).runs();
            assertThat(found).extracting(Run::name).containsExactly("recursive-256-32 · bm25 · wrong");

            assertThat(run.params()).containsEntry("model.name", "script").containsEntry("model.provider", "openai")
                    .containsEntry("prompt.sha256", spec.answers().orElseThrow().prompt().sha256())
                    .containsEntry("prompt.contextTop", "3").containsEntry("retrieval.kind", "bm25")
                    .doesNotContainKey("judge.model.name");
            assertThat(run.artifacts()).extracting(RunArtifact::name)
                    .contains("run.trec", "per-query.json", "prompt.txt", "items.jsonl");
            var items = ModelRunRecords.readItems(bench.runs(), run.id());
            assertThat(items).isEqualTo(script.items());
            var first = items.getFirst();
            assertThat(first.expected()).isEqualTo(covid.references.getFirst());
            assertThat(first.prompt()).contains("Question: " + covid.questions.getFirst());
            assertThat(first.prompt().lines().filter(l -> l.matches("\\[\\d] COVID-QA article \\d+")).toList())
                    .as("three chunks, numbered, each under its document's title")
                    .hasSize(3).first().asString().startsWith("[1] ");
            assertThat(items.get(2).scores()).containsEntry("exact_match", 1.0); // "The … !" normalises away
            assertThat(run.metrics().values()).allSatisfy(v -> assertThat(v).isFinite());
        }
    }

    @Test
    void cancellingWhileAModelAnswersKeepsTheAnswersReceivedAndEndsEveryRunOfThePointCancelled() throws Exception {
        var covid = new CovidQaAnswers(dir, 3);
        try (var server = new ChatServer(); var bench = Workbench.open(dir.resolve("ws"))) {
            var script = covid.dispatcher();
            server.server.setDispatcher(new okhttp3.mockwebserver.Dispatcher() {
                @Override
                public okhttp3.mockwebserver.MockResponse dispatch(okhttp3.mockwebserver.RecordedRequest request)
                        throws InterruptedException {
                    return ChatServer.delayed(script.dispatch(request), 150);
                }
            });
            var spec = ExperimentSpec.load(Files.writeString(dir.resolve("answers.yaml"), covid.spec(server, "")));
            var cancel = new Cancellation();
            ProgressListener progress = (stage, done, total) -> {
                if (stage.equals(AnswerRuns.stage("script")) && done >= 6) {
                    cancel.cancel();
                }
            };
            assertThatThrownBy(() -> new ExperimentRunner(bench, bench.runs()).run(spec,
                    new ExperimentRunner.Options(null, null, null, true), progress, cancel))
                    .isInstanceOf(dev.ragworkbench.progress.CancelledException.class);

            var runs = bench.runs().runs(dev.ragworkbench.experiment.store.RunQuery.all());
            assertThat(runs).extracting(Run::name).containsExactlyInAnyOrder("recursive-256-32 · bm25 · script",
                    "recursive-256-32 · bm25 · wrong");
            assertThat(runs).extracting(Run::status).containsOnly(RunStatus.CANCELLED);
            Run cancelled = runs.stream().filter(r -> r.name().endsWith("script")).findFirst().orElseThrow();
            var items = ModelRunRecords.readItems(bench.runs(), cancelled.id());
            assertThat(items).hasSize(covid.questions.size());
            assertThat(items.stream().filter(r -> !r.failed()).count()).isBetween(6L, (long) covid.questions.size() - 1);
            assertThat(cancelled.metrics()).containsKeys("ndcg@10", "exact_match"); // what was answered is scored
        }
    }
}
