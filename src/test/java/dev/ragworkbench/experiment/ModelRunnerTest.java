package dev.ragworkbench.experiment;

import dev.ragworkbench.app.Workbench;
import dev.ragworkbench.experiment.spec.ModelRunSpec;
import dev.ragworkbench.experiment.spec.Specs;
import dev.ragworkbench.experiment.store.ItemFailure;
import dev.ragworkbench.experiment.store.RunStatus;
import dev.ragworkbench.generation.ChatFailure;
import dev.ragworkbench.generation.PromptTemplate;
import dev.ragworkbench.progress.Cancellation;
import dev.ragworkbench.progress.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Model runs on a real workspace with two predictions models: what is stored, what is left out, what pairs. */
class ModelRunnerTest {

    @TempDir
    Path dir;

    @Test
    void oneRunPerModelWithPerItemScoresFailuresAndArtifacts() throws Exception {
        Path specFile = ModelRunFixture.spec(dir, "exact_match, token_f1");
        var spec = (ModelRunSpec) Specs.load(specFile);
        try (var bench = Workbench.open(dir.resolve("ws"))) {
            var stages = new ConcurrentHashMap<String, Long>();
            ProgressListener progress = (stage, done, total) -> stages.merge(stage, done, Math::max);
            var outcomes = new ModelRunner(bench, bench.runs()).run(spec, ModelRunner.Options.none(), progress,
                    Cancellation.none());
            assertThat(outcomes).extracting(ModelRunner.Outcome::model).containsExactly("base", "tuned");
            assertThat(stages).containsEntry(ModelRunner.stage("base"), 6L).containsEntry(ModelRunner.stage("tuned"), 6L);

            var base = outcomes.get(0);
            var tuned = outcomes.get(1);
            assertThat(base.total()).isEqualTo(6);
            assertThat(base.failed()).isEqualTo(1);
            assertThat(tuned.failed()).isZero();
            assertThat(base.run().status()).isEqualTo(RunStatus.FINISHED);

            // base: EM 1, 1, 0, 0, 0 over the five answered items (c6 failed: left out, not a 0)
            assertThat(base.run().metrics().get("exact_match")).isCloseTo(2.0 / 5, within(1e-12));
            // F1: 1, 1, 1/2 ([thirty days] vs [30 days]), 2/5 (P 1/2, R 1/3), 0 → 2.9 / 5
            assertThat(base.run().metrics().get("token_f1")).isCloseTo(2.9 / 5, within(1e-12));
            assertThat(tuned.run().metrics().get("exact_match")).isCloseTo(5.0 / 6, within(1e-12));
            assertThat(base.run().metrics()).containsKey("latency_ms").containsEntry("cache_hits", 0.0)
                    .doesNotContainKey("input_tokens"); // predictions report no tokens
            assertThat(base.run().metrics().values()).allSatisfy(v -> assertThat(v).isFinite());

            var store = bench.runs();
            assertThat(store.queryMetrics(base.run().id(), "exact_match").keySet())
                    .containsExactly("c1", "c2", "c3", "c4", "c5");
            assertThat(store.itemFailures(base.run().id())).containsExactly(ItemFailure.ofItem("c6",
                    "missing_prediction: " + specFile.resolveSibling("base.jsonl").toRealPath() + " has no prediction for item 'c6'"));

            var params = base.run().params();
            assertThat(params).containsEntry("model.name", "base").containsEntry("model.provider", "predictions")
                    .containsEntry("testSet.items", "6").containsEntry("testSet.name", "clauses")
                    .containsEntry("prompt.sha256", spec.prompt().sha256());
            assertThat(base.run().tags()).containsEntry("task", "clauses");
            var prompt = base.run().artifacts().stream().filter(a -> a.name().equals("prompt.txt")).findFirst().orElseThrow();
            assertThat(Files.readString(store.file(prompt))).isEqualTo("{instruction}\n\nContract: {input}\n");

            List<ItemRecord> items = ModelRunRecords.readItems(store, base.run().id());
            assertThat(items).hasSize(6);
            assertThat(items.getFirst().prompt()).isEqualTo("Name the seller.\n\nContract: Acme Ltd sells to Beta GmbH.");
            assertThat(items.getFirst().scores()).containsEntry("exact_match", 1.0);
            assertThat(items.get(5).failed()).isTrue();
            assertThat(items.get(5).errorKind()).isEqualTo(ChatFailure.Kind.MISSING_PREDICTION);
            assertThat(items.get(5).scores()).isEmpty();
            assertThat(items).isEqualTo(base.items());

            // the pairs: c6 only in tuned (excluded); c3, c4, c5 went wrong → right; c2 right → wrong, since
            // "the Beta GmbH" is "Beta GmbH" once normalised, and "Beta AG" is not
            var comparison = bench.comparisons().compare(base.run().id(), tuned.run().id());
            var em = comparison.metrics().get("exact_match");
            assertThat(em.paired()).isEqualTo(5);
            assertThat(em.excluded()).isEqualTo(1);
            var flips = em.flips().orElseThrow();
            assertThat(flips.rightToWrong()).containsExactly("c2");
            assertThat(flips.wrongToRight()).containsExactly("c3", "c4", "c5");
            // exact binomial: 2 · P(X ≤ 1 | n = 4, ½) = 2 · 5/16
            assertThat(flips.mcnemarP()).isCloseTo(10.0 / 16, within(1e-12));
            assertThat(comparison.evalSetsDiffer()).isFalse();
        }
    }

    @Test
    void aChangedPromptIsAChangedParam() throws Exception {
        var a = PromptTemplate.parse("{instruction}\n{input}", PromptTemplate.TEST_SET_PLACEHOLDERS);
        var b = PromptTemplate.parse("{instruction}\n\n{input}", PromptTemplate.TEST_SET_PLACEHOLDERS);
        assertThat(a.sha256()).isNotEqualTo(b.sha256());
        assertThat(b.render(java.util.Map.of("instruction", "Say {{x}}", "input", ""))).isEqualTo("Say {{x}}");
        var json = PromptTemplate.parse("Answer as {\"party\": …} for {instruction}; {{literal}}", PromptTemplate.TEST_SET_PLACEHOLDERS);
        assertThat(json.render(java.util.Map.of("instruction", "it"))).isEqualTo("Answer as {\"party\": …} for it; {literal}");
        assertThatThrownBy(() -> PromptTemplate.parse("{question}", PromptTemplate.TEST_SET_PLACEHOLDERS))
                .hasMessage("unknown placeholder {question} in the prompt; known: {input}, {instruction} (write {{ and }} for literal braces)");
    }

    @Test
    void aMissingStoredModelStopsBeforeAnyRun() throws Exception {
        ModelRunFixture.spec(dir, "exact_match");
        Path spec = Files.writeString(dir.resolve("stored.yaml"), """
                name: stored
                testSet: { path: clauses.jsonl }
                models: [ base-v1 ]
                metrics: [ exact_match ]
                """);
        try (var bench = Workbench.open(dir.resolve("ws"))) {
            assertThatThrownBy(() -> new ModelRunner(bench, bench.runs()).run((ModelRunSpec) Specs.load(spec),
                    ModelRunner.Options.none(), ProgressListener.NONE, Cancellation.none()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("no stored model base-v1 in this workspace");
            assertThat(bench.runs().runs(dev.ragworkbench.experiment.store.RunQuery.all())).isEmpty();
        }
    }
}
