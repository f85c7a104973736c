package dev.ragworkbench.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ragworkbench.app.Workbench;
import dev.ragworkbench.experiment.spec.ModelRunSpec;
import dev.ragworkbench.experiment.spec.Specs;
import dev.ragworkbench.experiment.store.ItemFailure;
import dev.ragworkbench.experiment.store.RunStatus;
import dev.ragworkbench.generation.ChatServer;
import dev.ragworkbench.generation.ScriptedJudge;
import dev.ragworkbench.progress.Cancellation;
import dev.ragworkbench.progress.ProgressListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Pairwise judging of {@link ModelRunFixture}'s base and tuned runs by scripted judges on a real socket, in a real
 * workspace. With the fair judge (prefers the output equal to the reference), worked by hand, B = tuned:
 * <pre>
 * c1  base "Acme Ltd" = ref             loss
 * c2  neither equals "Beta GmbH"        tie (both orders say tie: agreed)
 * c3  tuned "30 days"                   win
 * c4  tuned "New York law"              win
 * c5  tuned "2024-01-01"                win
 * c6  base has no output                failed, not a tie
 * </pre>
 * so wins 3, ties 1, losses 1, failed 1, agreement 5/5, win rate (3 + ½) / 5 = 0.7.
 */
class PairwiseJudgingTest {

    @TempDir
    static Path dir;
    static Workbench bench;
    static ModelRunSpec spec;
    static String base;
    static String tuned;
    static final AtomicInteger JUDGES = new AtomicInteger();

    @BeforeAll
    static void runModels() throws Exception {
        spec = (ModelRunSpec) Specs.load(ModelRunFixture.spec(dir, "exact_match"));
        bench = Workbench.open(dir.resolve("ws"));
        var outcomes = new ModelRunner(bench, bench.runs()).run(spec, ModelRunner.Options.none(), ProgressListener.NONE,
                Cancellation.none());
        base = outcomes.get(0).run().id();
        tuned = outcomes.get(1).run().id();
    }

    @AfterAll
    static void close() {
        bench.close();
    }

    /** A judge stored under a new name on its own scripted server. */
    private record Judge(String name, ChatServer server, ScriptedJudge script) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            server.close();
        }
    }

    private static Judge judge(ScriptedJudge.Behaviour behaviour) throws Exception {
        var server = new ChatServer();
        var script = new ScriptedJudge(behaviour);
        server.server.setDispatcher(script);
        String name = "judge-" + JUDGES.incrementAndGet();
        bench.chatModels().add(ScriptedJudge.model(name, server));
        return new Judge(name, server, script);
    }

    private static PairwiseJudging.Outcome judging(Judge judge, boolean fresh) throws Exception {
        return judging(judge, fresh, Cancellation.none());
    }

    private static PairwiseJudging.Outcome judging(Judge judge, boolean fresh, Cancellation cancel) throws Exception {
        return new PairwiseJudging(bench, bench.runs()).judge(base, tuned,
                new dev.ragworkbench.experiment.spec.PairwiseJudgeSpec(judge.name(),
                        dev.ragworkbench.generation.judge.PairwisePrompt.DEFAULT_RUBRIC, null),
                fresh, java.util.Map.of("task", "clauses"), ProgressListener.NONE, cancel);
    }

    @Test
    void aFairJudgeGivesTheHandWorkedCountsStoredAsARunBesideTheModelRuns() throws Exception {
        try (var judge = judge(ScriptedJudge.FAIR)) {
            var o = judging(judge, true);
            var t = o.tally();
            assertThat(List.of(t.wins(), t.ties(), t.losses(), t.failed(), t.judged(), t.agreed()))
                    .containsExactly(3, 1, 1, 1, 5, 5);
            assertThat(t.winRate()).isCloseTo(0.7, within(1e-12));
            assertThat(t.agreement()).isEqualTo(1.0);
            assertThat(t.ciLow()).isLessThan(0.7);
            assertThat(t.ciHigh()).isGreaterThan(0.7);
            assertThat(o.disagreements()).isEmpty();
            assertThat(o.failures()).singleElement().satisfies(i -> {
                assertThat(i.id()).isEqualTo("c6");
                assertThat(i.failure()).startsWith("model A gave no output: ").contains("no prediction for item 'c6'");
            });
            assertThat(judge.script().calls()).isEqualTo(10); // two orders × five answered items, none for c6

            var run = bench.runs().run(o.run().id());
            assertThat(run.status()).isEqualTo(RunStatus.FINISHED);
            assertThat(run.tags()).containsEntry("kind", "pairwise").containsEntry("task", "clauses");
            assertThat(run.executionId()).isEqualTo(bench.runs().run(base).executionId());
            assertThat(run.params()).containsEntry("pairwise.runA", base).containsEntry("pairwise.runB", tuned)
                    .containsEntry("pairwise.modelA", "base").containsEntry("pairwise.modelB", "tuned")
                    .containsEntry("judge.model.name", judge.name())
                    .containsEntry("testSet.sha256", bench.runs().run(base).params().get("testSet.sha256"));
            assertThat(run.metrics()).containsEntry("wins", 3.0).containsEntry("ties", 1.0).containsEntry("losses", 1.0)
                    .containsEntry("judge_failed", 1.0).containsEntry("agreement", 1.0)
                    .containsEntry("win_rate_ci_low", t.ciLow()).containsEntry("win_rate_ci_high", t.ciHigh())
                    // the judge's tokens, counted apart from the models' (predictions report none)
                    .containsEntry("judge_input_tokens", 10.0 * ScriptedJudge.IN)
                    .containsEntry("judge_output_tokens", 10.0 * ScriptedJudge.OUT)
                    .containsEntry("judge_cache_hits", 0.0);
            assertThat(run.metrics().get("win_rate")).isCloseTo(0.7, within(1e-12));
            assertThat(bench.runs().queryMetrics(run.id(), PairwiseRecords.ITEM_SCORE))
                    .containsExactly(java.util.Map.entry("c1", 0.0), java.util.Map.entry("c2", 0.5),
                            java.util.Map.entry("c3", 1.0), java.util.Map.entry("c4", 1.0), java.util.Map.entry("c5", 1.0));
            assertThat(bench.runs().itemFailures(run.id())).extracting(ItemFailure::itemId).containsExactly("c6");
            var artifact = run.artifacts().stream().filter(a -> a.name().equals("pairwise.jsonl")).findFirst().orElseThrow();
            var lines = Files.readAllLines(bench.runs().file(artifact));
            assertThat(lines).hasSize(6);
            var c3 = new ObjectMapper().readTree(lines.get(2));
            assertThat(c3.path("verdict").asText()).isEqualTo("B");
            assertThat(c3.path("aFirst").path("prefers").asText()).isEqualTo("B");
            assertThat(c3.path("bFirst").path("prefers").asText()).isEqualTo("B");
            assertThat(c3.path("bFirst").path("replies").get(0).asText()).contains("\"verdict\": \"A\""); // B was in A's place

            // the same judging again is answered from the call cache: no new call, the same counts
            var again = judging(judge, false);
            assertThat(judge.script().calls()).isEqualTo(10);
            assertThat(again.tally()).isEqualTo(t);
            assertThat(again.run().metrics()).containsEntry("judge_cache_hits", 10.0);
        }
    }

    @Test
    void aJudgeThatAlwaysPrefersTheFirstPositionYieldsTiesAndNoAgreement() throws Exception {
        try (var judge = judge(ScriptedJudge.FIRST_POSITION)) {
            var t = judging(judge, true).tally();
            assertThat(List.of(t.wins(), t.ties(), t.losses(), t.failed(), t.agreed())).containsExactly(0, 5, 0, 1, 0);
            assertThat(t.agreement()).isZero();
            assertThat(t.winRate()).isEqualTo(0.5);
            var o = judging(judge, false);
            assertThat(o.disagreements()).extracting(PairwiseItem::id).containsExactly("c1", "c2", "c3", "c4", "c5");
            var c1 = o.disagreements().getFirst();
            assertThat(c1.aFirst().preference()).isEqualTo(dev.ragworkbench.evaluation.PairwiseTally.Preference.A);
            assertThat(c1.bFirst().preference()).isEqualTo(dev.ragworkbench.evaluation.PairwiseTally.Preference.B);
            assertThat(c1.aFirst().replies()).containsExactly("{\"reason\": \"A is better\", \"verdict\": \"A\"}");
            assertThat(c1.bFirst().replies()).hasSize(1);
            assertThat(o.disagreement(c1)).isEqualTo("both times the output shown first");
        }
    }

    @Test
    void proseAndHalfJsonAreFailuresWithReasonsAfterOneRetryNeverTies() throws Exception {
        try (var prose = judge(ScriptedJudge.PROSE); var half = judge(ScriptedJudge.HALF_JSON)) {
            var p = judging(prose, true);
            assertThat(prose.script().calls()).isEqualTo(20); // each question asked once more, with its parse error
            assertThat(List.of(p.tally().judged(), p.tally().failed(), p.tally().ties())).containsExactly(0, 6, 0);
            assertThat(p.run().metrics()).doesNotContainKeys("win_rate", "agreement", "win_rate_ci_low")
                    .containsEntry("judge_failed", 6.0).containsEntry("ties", 0.0);
            assertThat(p.run().metrics().values()).allSatisfy(v -> assertThat(v).isFinite());
            var c1 = p.items().getFirst();
            assertThat(c1.failure()).isEqualTo("A first: unreadable reply after the retry: the reply is not a JSON"
                    + " object: it starts with \"Response A is better because it is close…\"");
            assertThat(c1.aFirst().replies()).hasSize(2).allSatisfy(r -> assertThat(r).startsWith("Response A is better"));
            assertThat(c1.bFirst().replies()).hasSize(2);

            var h = judging(half, true);
            assertThat(List.of(h.tally().judged(), h.tally().failed())).containsExactly(0, 6);
            assertThat(h.items().getFirst().failure()).startsWith("A first: unreadable reply after the retry: the reply"
                    + " is not valid JSON at line 1, column ");
            assertThat(bench.runs().itemFailures(h.run().id())).hasSize(6)
                    .filteredOn(f -> !f.itemId().equals("c6"))
                    .allSatisfy(f -> assertThat(f.reply()).isEqualTo("{\"reason\": \"A matches the reference\", \"verd"));
        }
    }

    @Test
    void aJudgeThatMendsItsReplyOnTheRetryIsCountedAsJudged() throws Exception {
        try (var judge = judge(ScriptedJudge.PROSE_THEN_FAIR)) {
            var o = judging(judge, true);
            assertThat(judge.script().calls()).isEqualTo(20);
            assertThat(List.of(o.tally().wins(), o.tally().ties(), o.tally().losses(), o.tally().failed()))
                    .containsExactly(3, 1, 1, 1);
            assertThat(o.items().get(2).aFirst().replies()).hasSize(2);
        }
    }

    @Test
    void aSpecWithAJudgeRunsBothModelsThenJudgesAndAMissingJudgeStopsBeforeAnyRun() throws Exception {
        try (var judge = judge(ScriptedJudge.FAIR)) {
            Path file = Files.writeString(dir.resolve("judged.yaml"), Files.readString(dir.resolve("models.yaml"))
                    .replace("name: base-vs-tuned", "name: judged") + "judge: { model: " + judge.name() + ", pairwise: true }\n");
            var judged = (ModelRunSpec) Specs.load(file);
            var result = new PairwiseJudging(bench, bench.runs()).run(judged, ModelRunner.Options.none(),
                    ProgressListener.NONE, Cancellation.none());
            assertThat(result.runs()).hasSize(2);
            var pairwise = result.pairwise().orElseThrow();
            assertThat(pairwise.tally().wins()).isEqualTo(3);
            assertThat(pairwise.run().params()).containsEntry("pairwise.runA", result.runs().get(0).run().id());

            int before = bench.runs().runs(dev.ragworkbench.experiment.store.RunQuery.all()).size();
            Path missing = Files.writeString(dir.resolve("missing.yaml"), Files.readString(file)
                    .replace(judge.name(), "no-such-judge"));
            assertThatThrownBy(() -> new PairwiseJudging(bench, bench.runs()).run((ModelRunSpec) Specs.load(missing),
                    ModelRunner.Options.none(), ProgressListener.NONE, Cancellation.none()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no-such-judge");
            assertThat(bench.runs().runs(dev.ragworkbench.experiment.store.RunQuery.all())).hasSize(before);
        }
    }

    @Test
    void cancellingEndsThePairwiseRunAsCancelledWithTheVerdictsReceivedKept() throws Exception {
        var server = new ChatServer();
        var fair = new ScriptedJudge(ScriptedJudge.FAIR);
        var arrived = new java.util.concurrent.atomic.AtomicInteger();
        server.server.setDispatcher(new okhttp3.mockwebserver.Dispatcher() {
            @Override
            public okhttp3.mockwebserver.MockResponse dispatch(okhttp3.mockwebserver.RecordedRequest request)
                    throws InterruptedException {
                arrived.incrementAndGet();
                String body = request.getBody().clone().readUtf8();
                return body.contains("2024-01-01") ? ChatServer.hang() : fair.dispatch(request); // c5 never answered
            }
        });
        String name = "judge-" + JUDGES.incrementAndGet();
        bench.chatModels().add(ScriptedJudge.model(name, server));
        try (var judge = new Judge(name, server, fair)) {
            var cancel = new Cancellation();
            var worker = java.util.concurrent.Executors.newSingleThreadExecutor();
            try {
                var future = worker.submit(() -> judging(judge, true, cancel));
                WaitUntil.holds(() -> arrived.get() == 10 && fair.calls() == 8, 30_000);
                cancel.cancel();
                assertThatThrownBy(future::get).hasCauseInstanceOf(dev.ragworkbench.progress.CancelledException.class);
            } finally {
                worker.shutdownNow();
            }
            var runs = bench.runs().runs(dev.ragworkbench.experiment.store.RunQuery.all()).stream()
                    .filter(r -> r.params().getOrDefault("judge.model.name", "").equals(name)).toList();
            assertThat(runs).singleElement().satisfies(r -> {
                assertThat(r.status()).isEqualTo(RunStatus.CANCELLED);
                assertThat(bench.runs().queryMetrics(r.id(), PairwiseRecords.ITEM_SCORE).keySet())
                        .containsExactly("c1", "c2", "c3", "c4");
                assertThat(bench.runs().itemFailures(r.id())).extracting(ItemFailure::itemId).containsExactly("c5", "c6");
            });
        }
    }

    /** Polls a condition (the judge's calls arrive on the server's threads). */
    private static final class WaitUntil {
        static void holds(java.util.function.BooleanSupplier condition, long ms) throws InterruptedException {
            long end = System.nanoTime() + ms * 1_000_000;
            while (!condition.getAsBoolean()) {
                if (System.nanoTime() > end) {
                    throw new AssertionError("condition not met in " + ms + " ms");
                }
                Thread.sleep(20);
            }
        }
    }
}
