package dev.ragworkbench.ui.settings;

import dev.ragworkbench.app.Workbench;
import dev.ragworkbench.generation.ChatProvider;
import dev.ragworkbench.ui.settings.SettingsViewModel.TestState;
import dev.ragworkbench.ui.tasks.SameThreadTaskRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The Settings pane's ViewModel on the caller's thread: the form's checks, saving, renaming, testing, removing. */
class SettingsViewModelTest {

    @TempDir
    Path dir;

    @Test
    void theFormSaysWhatIsWrongSavesRenamesTestsAndRemoves() throws Exception {
        Path predictions = Files.writeString(dir.resolve("tuned.jsonl"), "{\"id\":\"1\",\"output\":\"a\"}\n");
        System.setProperty("ragworkbench.keys.file", dir.resolve("keys.json").toString());
        try (var bench = Workbench.open(dir.resolve("ws"))) {
            var runner = new SameThreadTaskRunner();
            var vm = new SettingsViewModel(bench, runner, Runnable::run);
            vm.refresh();
            assertThat(vm.models()).isEmpty();

            var form = vm.form();
            form.nameProperty().set("tuned");
            form.providerProperty().set(ChatProvider.PREDICTIONS);
            vm.save();
            assertThat(vm.messageProperty().get()).isEqualTo("Choose the predictions file.");
            assertThat(vm.messageIsErrorProperty().get()).isTrue();
            form.fileProperty().set(predictions.toString());
            form.temperatureProperty().set("warm");
            vm.save();
            assertThat(vm.messageProperty().get()).isEqualTo("Temperature must be a number, not 'warm'.");
            form.temperatureProperty().set("");
            vm.save();
            assertThat(vm.messageIsErrorProperty().get()).isFalse();
            assertThat(vm.models()).extracting(m -> m.name()).containsExactly("tuned");

            vm.testConnection();
            assertThat(vm.testStateProperty().get()).isEqualTo(TestState.ANSWERED);
            assertThat(vm.testAnswerProperty().get()).contains("reads cleanly");

            form.nameProperty().set("tuned-v2");
            vm.save();
            assertThat(vm.models()).extracting(m -> m.name()).containsExactly("tuned-v2");
            assertThat(bench.chatModels().find("tuned")).isEmpty();

            vm.newModel();
            form.nameProperty().set("TUNED-V2");
            form.providerProperty().set(ChatProvider.PREDICTIONS);
            form.fileProperty().set(predictions.toString());
            vm.save();
            assertThat(vm.messageProperty().get()).contains("exists already");
            assertThat(vm.messageIsErrorProperty().get()).isTrue();

            vm.select(vm.models().getFirst());
            vm.remove();
            assertThat(vm.models()).isEmpty();
            assertThat(bench.chatModels().list()).isEmpty();
            // the refused duplicate is the one failure, shown in the form's message
            assertThat(runner.errors()).singleElement()
                    .satisfies(e -> assertThat(e).hasMessageContaining("exists already"));
        } finally {
            System.clearProperty("ragworkbench.keys.file");
        }
    }
}
