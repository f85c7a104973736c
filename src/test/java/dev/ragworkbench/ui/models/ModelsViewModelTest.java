package dev.ragworkbench.ui.models;

import dev.ragworkbench.app.Workbench;
import dev.ragworkbench.experiment.store.RunQuery;
import dev.ragworkbench.ui.tasks.SameThreadTaskRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ModelsViewModelTest {

    @TempDir
    Path dir;

    @Test
    void comparesTwoPredictionsModelsItemByItemAndSavesTheRuns() throws Exception {
        try (var bench = Workbench.open(dir.resolve("ws"))) {
            var runner = new SameThreadTaskRunner();
            var vm = new ModelsViewModel(bench, runner, Runnable::run);
            vm.loadStoredModels();
            assertThat(vm.models()).isEmpty();
            vm.openTestSet(ModelsFixture.testSet(dir));
            assertThat(vm.testSetProperty().get().size()).isEqualTo(4);
            var base = vm.addPredictions(ModelsFixture.base(dir));
            assertThat(vm.canRun().get()).isFalse(); // one model is no comparison
            var tuned = vm.addPredictions(ModelsFixture.tuned(dir));
            assertThat(base.name()).isEqualTo("mistral-7b-base");
            assertThat(vm.canRun().get()).isTrue();

            vm.run();
            assertThat(runner.errors()).isEmpty();
            assertThat(vm.errorProperty().get()).isEmpty();
            assertThat(vm.runningProperty().get()).isFalse();
            assertThat(base.progressProperty().get()).isEqualTo(1.0);
            assertThat(tuned.stateProperty().get()).isEqualTo("done");
            assertThat(vm.resultModels()).containsExactly("mistral-7b-base", "mistral-7b-qlora");
            assertThat(vm.rows()).extracting(ItemRow::id).containsExactly("q1", "q2", "q3", "q4");
            assertThat(bench.runs().runs(RunQuery.all())).hasSize(2);

            var em = vm.aggregates().stream().filter(a -> a.metric().equals("exact_match")).findFirst().orElseThrow();
            assertThat(em.paired()).isEqualTo(3);
            assertThat(em.wrongToRight()).isEqualTo(2);
            assertThat(em.rightToWrong()).isZero();
            assertThat(em.mcnemarP()).isCloseTo(0.5, within(1e-12)); // 2 · (1/2)²
            assertThat(vm.aggregates().stream().filter(a -> a.metric().equals("token_f1")).findFirst().orElseThrow()
                    .passFail()).isFalse();
            assertThat(vm.flips()).extracting(FlipRow::itemId).containsExactly("q2", "q3");

            vm.filterProperty().set(ModelsViewModel.Filter.FAILED);
            assertThat(vm.shownRows()).extracting(ItemRow::id).containsExactly("q4");
            vm.filterProperty().set(ModelsViewModel.Filter.FLIPS);
            assertThat(vm.shownRows()).extracting(ItemRow::id).containsExactly("q2", "q3");
            vm.filterProperty().set(ModelsViewModel.Filter.DIFFER);
            // q1: "Acme Ltd" and "Acme Ltd." are the same once normalised
            assertThat(vm.shownRows()).extracting(ItemRow::id).containsExactly("q2", "q3", "q4");
            vm.filterProperty().set(ModelsViewModel.Filter.FAILED);
            vm.openItem("q3");
            assertThat(vm.filterProperty().get()).isEqualTo(ModelsViewModel.Filter.ALL);
            assertThat(vm.selectedProperty().get().id()).isEqualTo("q3");
            assertThat(vm.selectedProperty().get().byModel().get("mistral-7b-base").scores()).containsEntry("exact_match", 0.0);
        }
    }

    @Test
    void aMalformedTestSetIsShownAsItsFileAndLine() throws Exception {
        try (var bench = Workbench.open(dir.resolve("ws"))) {
            var vm = new ModelsViewModel(bench, new SameThreadTaskRunner(), Runnable::run);
            Path bad = Files.writeString(dir.resolve("bad.jsonl"), "{\"instruction\": \"a\", \"output\": \"b\"}\nnope\n");
            vm.openTestSet(bad);
            assertThat(vm.testSetProperty().get()).isNull();
            assertThat(vm.errorProperty().get()).contains("bad.jsonl:2").contains("not a JSON object");
        }
    }

    @Test
    void wordDiffMarksWhatWasAddedAndRemoved() {
        var diff = WordDiff.diff("30 days written notice", "thirty days notice");
        assertThat(diff).containsExactly(new WordDiff.Segment("30", WordDiff.Kind.REMOVED),
                new WordDiff.Segment("thirty", WordDiff.Kind.ADDED), new WordDiff.Segment("days", WordDiff.Kind.SAME),
                new WordDiff.Segment("written", WordDiff.Kind.REMOVED), new WordDiff.Segment("notice", WordDiff.Kind.SAME));
        assertThat(WordDiff.diff("", "")).isEmpty();
    }
}
