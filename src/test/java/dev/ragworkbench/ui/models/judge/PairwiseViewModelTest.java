package dev.ragworkbench.ui.models.judge;

import dev.ragworkbench.app.Workbench;
import dev.ragworkbench.experiment.ModelRunner;
import dev.ragworkbench.experiment.PairwiseItem;
import dev.ragworkbench.experiment.spec.ModelRunSpec;
import dev.ragworkbench.experiment.spec.Specs;
import dev.ragworkbench.generation.ChatModelSettings;
import dev.ragworkbench.generation.ChatServer;
import dev.ragworkbench.generation.ScriptedJudge;
import dev.ragworkbench.generation.judge.PairwisePrompt;
import dev.ragworkbench.ingest.ContentHash;
import dev.ragworkbench.progress.Cancellation;
import dev.ragworkbench.progress.ProgressListener;
import dev.ragworkbench.ui.tasks.SameThreadTaskRunner;
import javafx.collections.FXCollections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The judge view's state without a window: what it needs before it can judge, which stored models it offers, and
 * what it shows after a position-biased judge (on the scripted server) judged two predictions runs.
 */
class PairwiseViewModelTest {

    @TempDir
    Path dir;

    @Test
    void offersEndpointJudgesJudgesTheFirstTwoRunsAndShowsTheDisagreements() throws Exception {
        try (var bench = Workbench.open(dir.resolve("ws")); var server = new ChatServer()) {
            server.server.setDispatcher(new ScriptedJudge(ScriptedJudge.FIRST_POSITION));
            bench.chatModels().add(ScriptedJudge.model("judge", server));
            Files.writeString(dir.resolve("p.jsonl"), "{\"id\": \"1\", \"output\": \"x\"}\n");
            bench.chatModels().add(ChatModelSettings.predictions("last-week", dir.resolve("p.jsonl")));
            Files.writeString(dir.resolve("items.jsonl"), """
                    {"id": "1", "instruction": "a?", "output": "x"}
                    {"id": "2", "instruction": "b?", "output": "y"}
                    """);
            Files.writeString(dir.resolve("base.jsonl"), "{\"id\": \"1\", \"output\": \"x\"}\n{\"id\": \"2\", \"output\": \"z\"}\n");
            Files.writeString(dir.resolve("tuned.jsonl"), "{\"id\": \"1\", \"output\": \"w\"}\n{\"id\": \"2\", \"output\": \"y\"}\n");
            Path spec = Files.writeString(dir.resolve("m.yaml"), """
                    name: m
                    testSet: { path: items.jsonl }
                    models:
                      - { name: base, provider: predictions, file: base.jsonl }
                      - { name: tuned, provider: predictions, file: tuned.jsonl }
                    metrics: [ exact_match ]
                    """);
            var runs = new ModelRunner(bench, bench.runs()).run((ModelRunSpec) Specs.load(spec),
                    ModelRunner.Options.none(), ProgressListener.NONE, Cancellation.none());

            var models = FXCollections.<String>observableArrayList();
            var runIds = FXCollections.<String>observableArrayList();
            var runner = new SameThreadTaskRunner();
            var vm = new PairwiseViewModel(bench, runner, Runnable::run, models, runIds);
            vm.loadJudges();
            assertThat(vm.judges()).containsExactly("judge"); // a predictions file cannot judge
            assertThat(vm.judgeProperty().get()).isEqualTo("judge");
            assertThat(vm.rubricProperty().get()).isEqualTo(PairwisePrompt.DEFAULT_RUBRIC);
            assertThat(vm.canJudge().get()).isFalse(); // no runs shown yet
            assertThat(vm.pair().get()).startsWith("Run two models");

            models.setAll("base", "tuned");
            runIds.setAll(runs.get(0).run().id(), runs.get(1).run().id());
            assertThat(vm.pair().get()).isEqualTo("tuned against base");
            vm.rubricProperty().set("  ");
            assertThat(vm.canJudge().get()).isFalse();
            vm.rubricProperty().set("Prefer the right letter.");
            assertThat(vm.canJudge().get()).isTrue();

            vm.judge();
            assertThat(runner.errors()).isEmpty();
            assertThat(vm.errorProperty().get()).isEmpty();
            assertThat(vm.runningProperty().get()).isFalse();
            assertThat(vm.progressProperty().get()).isEqualTo(1.0);
            var o = vm.outcomeProperty().get();
            assertThat(PairwiseViewModel.counts(o)).isEqualTo("tuned wins 0 · ties 2 · loses 0");
            assertThat(PairwiseViewModel.winRate(o)).isEqualTo("0.5000  [0.5000, 0.5000]");
            assertThat(PairwiseViewModel.agreement(o)).isEqualTo("0 % (0 of 2 items)");
            assertThat(vm.disagreements()).extracting(PairwiseItem::id).containsExactly("1", "2");
            assertThat(vm.selectedProperty().get().id()).isEqualTo("1");
            assertThat(o.run().params()).containsEntry("judge.rubric.sha256",
                    ContentHash.of("Prefer the right letter."));
            assertThat(vm.statusProperty().get()).isEqualTo("2 of 2 items judged; saved as run " + o.run().id());

            // a new comparison clears the judging shown; a judge removed meanwhile is an error in words
            models.setAll("base", "tuned");
            assertThat(vm.outcomeProperty().get()).isNull();
            assertThat(vm.disagreements()).isEmpty();
            bench.chatModels().remove("judge");
            vm.judge();
            assertThat(vm.errorProperty().get()).contains("no stored model judge");
            assertThat(vm.runningProperty().get()).isFalse();
        }
    }
}
