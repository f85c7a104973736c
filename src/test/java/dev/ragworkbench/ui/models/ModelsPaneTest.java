package dev.ragworkbench.ui.models;

import dev.ragworkbench.ui.Screenshots;
import dev.ragworkbench.ui.shell.AppConfig;
import dev.ragworkbench.ui.shell.AppShell;
import dev.ragworkbench.ui.shell.Section;
import dev.ragworkbench.ui.shell.UiSettings;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;

import static org.assertj.core.api.Assertions.assertThat;

/** The Models pane in the real window under Xvfb: two predictions models on a small test set. */
@ExtendWith(ApplicationExtension.class)
class ModelsPaneTest {

    @TempDir
    static Path tmp;

    private AppShell shell;
    private Preferences prefs;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        prefs = Preferences.userRoot().node("dev/ragworkbench/test/" + UUID.randomUUID());
        shell = new AppShell(stage, new AppConfig(tmp.resolve("ws-" + UUID.randomUUID()), new UiSettings(prefs), false, false));
        shell.start();
        stage.setWidth(1270); // xvfb-run's screen is 1280 wide: the robot cannot click beyond it
        stage.setHeight(900);
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupStages();
        WaitForAsyncUtils.asyncFx(() -> shell.close()).get(20, TimeUnit.SECONDS);
        prefs.removeNode();
    }

    @Test
    void runsBaseAgainstTunedAndOpensAFlip(FxRobot robot) throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data-" + UUID.randomUUID()));
        Path set = ModelsFixture.testSet(data);
        Path base = ModelsFixture.base(data);
        Path tuned = ModelsFixture.tuned(data);
        robot.clickOn("#nav-models");
        WaitForAsyncUtils.waitForFxEvents();
        var vm = shell.page(Section.MODELS, ModelsPage.class).viewModel();
        robot.interact(() -> {
            vm.openTestSet(set);
            vm.addPredictions(base);
            vm.addPredictions(tuned);
        });
        try {
            WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> vm.canRun().get());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("not ready to run: test set " + vm.testSetProperty().get() + ", models "
                    + vm.models().size() + ", error '" + vm.errorProperty().get() + "', tasks " + shell.runner().running(), e);
        }
        robot.clickOn("#models-run");
        try {
            WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !vm.runningProperty().get()
                    && (!vm.rows().isEmpty() || !vm.errorProperty().get().isEmpty()));
        } catch (java.util.concurrent.TimeoutException e) {
            screenshot("models-pane-stuck");
            throw new AssertionError("no result: running " + vm.runningProperty().get() + ", status '"
                    + vm.statusProperty().get() + "', error '" + vm.errorProperty().get() + "', tasks "
                    + shell.runner().running(), e);
        }
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.errorProperty().get()).isEmpty();

        TableView<ItemRow> items = robot.lookup("#models-items").query();
        assertThat(items.getItems()).hasSize(4);
        assertThat(items.getColumns()).extracting(c -> c.getText())
                .contains("mistral-7b-base", "mistral-7b-qlora");
        TableView<AggregateRow> aggregates = robot.lookup("#models-aggregates").query();
        assertThat(aggregates.getItems()).extracting(AggregateRow::metric).contains("exact_match", "token_f1", "rouge_l");

        ListView<FlipRow> flips = robot.lookup("#models-flips").query();
        assertThat(flips.getItems()).hasSize(2);
        robot.clickOn("#models-filter-failed");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(items.getItems()).extracting(ItemRow::id).containsExactly("q4");
        robot.clickOn(robot.lookup(".list-cell").match(n -> n instanceof javafx.scene.control.ListCell<?> c
                && c.getItem() instanceof FlipRow f && f.itemId().equals("q2")).<javafx.scene.Node>query());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.selectedProperty().get().id()).isEqualTo("q2");
        assertThat(items.getItems()).hasSize(4); // opening a flip hidden by the filter clears it
        assertThat(robot.lookup("#models-detail").query().lookupAll(".word-diff")).hasSize(3);
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        screenshot("models-pane");
    }

    private void screenshot(String name) throws Exception {
        Screenshots.save(stage, name);
    }
}
