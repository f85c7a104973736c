package dev.ragworkbench.ui.models.finetune;

import dev.ragworkbench.ui.Screenshots;
import dev.ragworkbench.ui.models.ModelsPage;
import dev.ragworkbench.ui.retrieval.RetrievalPage;
import dev.ragworkbench.ui.shell.AppConfig;
import dev.ragworkbench.ui.shell.AppShell;
import dev.ragworkbench.ui.shell.Section;
import dev.ragworkbench.ui.shell.UiSettings;
import javafx.collections.ListChangeListener;
import javafx.scene.chart.LineChart;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.prefs.Preferences;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Fine-tune embedder" in the real window under Xvfb: a short training draws its curves while it runs, then base
 * and tuned are compared on the test split, and the comparison opens in the Retrieval pane with the adapter in its
 * second column.
 */
@ExtendWith(ApplicationExtension.class)
class FineTunePaneTest {

    @TempDir
    static Path tmp;
    static String index;

    private AppShell shell;
    private Preferences prefs;
    private Stage stage;

    @BeforeAll
    static void workspace() throws Exception {
        index = FineTuneFixture.build(tmp);
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        prefs = Preferences.userRoot().node("dev/ragworkbench/test/" + UUID.randomUUID());
        shell = new AppShell(stage, new AppConfig(tmp.resolve("ws"), new UiSettings(prefs), false, false));
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
    void aShortTrainingDrawsItsCurvesThenComparesAndOpensInRetrieval(FxRobot robot) throws Exception {
        robot.clickOn("#nav-models");
        WaitForAsyncUtils.waitForFxEvents();
        var page = shell.page(Section.MODELS, ModelsPage.class);
        // the tab by its pane (a text lookup may find a hidden node's label instead)
        robot.interact(() -> ((TabPane) page.view()).getSelectionModel().select(1));
        var vm = page.fineTune();
        waitFor(90, () -> vm.indexProperty().get() != null && vm.evalSetProperty().get() != null
                && vm.canStart().get());
        assertThat(robot.lookup("#finetune-embedder").queryLabeled().getText()).isEqualTo("embedder all-minilm-l6-v2");
        assertThat(vm.evalSetProperty().get().name()).isEqualTo(FineTuneFixture.TRAIN);
        var live = new AtomicInteger();
        robot.interact(() -> {
            vm.epochsProperty().set(8); // a short training; the other options are the defaults
            vm.loss().addListener((ListChangeListener<FineTuneViewModel.Point>) c -> {
                if (vm.resultProperty().get() == null && vm.runningProperty().get()) {
                    live.incrementAndGet();
                }
            });
        });
        robot.clickOn("#finetune-start");
        try {
            waitFor(180, () -> !vm.runningProperty().get()
                    && (vm.resultProperty().get() != null || !vm.errorProperty().get().isEmpty()));
        } catch (java.util.concurrent.TimeoutException e) {
            screenshot("finetune-stuck");
            throw new AssertionError("no result: status '" + vm.statusProperty().get() + "', error '"
                    + vm.errorProperty().get() + "', tasks " + shell.runner().running(), e);
        }
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.errorProperty().get()).isEmpty();
        assertThat(live.get()).as("loss points drawn while training").isPositive();

        LineChart<?, ?> loss = robot.lookup("#finetune-loss").queryAs(LineChart.class);
        LineChart<?, ?> validation = robot.lookup("#finetune-validation").queryAs(LineChart.class);
        var trained = vm.resultProperty().get().outcome().result();
        assertThat(loss.getData().getFirst().getData()).hasSize((int) trained.steps());
        assertThat(validation.getData().getFirst().getData()).hasSize(trained.epochsRun() + 1);
        TableView<?> table = robot.lookup("#finetune-comparison").queryAs(TableView.class);
        assertThat(table.getItems()).hasSize(2);
        assertThat(robot.lookup("#finetune-heldout").queryLabeled().getText()).contains(FineTuneFixture.TEST);
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        screenshot("finetune-pane");

        String runId = vm.resultProperty().get().outcome().runId();
        robot.clickOn("#finetune-open-retrieval");
        waitFor(60, () -> shell.page(Section.RETRIEVAL, RetrievalPage.class) != null);
        var rvm = shell.page(Section.RETRIEVAL, RetrievalPage.class).viewModel();
        waitFor(60, () -> rvm.eval().resultProperty().get() != null && rvm.columns().size() == 2);
        assertThat(rvm.eval().resultProperty().get()).isSameAs(vm.resultProperty().get().comparison());
        assertThat(rvm.columns().get(0).adapterProperty().get()).isNull();
        assertThat(rvm.columns().get(1).adapterProperty().get()).isEqualTo(runId);
        assertThat(rvm.eval().setProperty().get().name()).isEqualTo(FineTuneFixture.TEST);
        assertThat(rvm.eval().sets()).contains(rvm.eval().setProperty().get()); // the stored set, not a copy
        assertThat(rvm.eval().summary()).hasSize(2);
        // the second column's adapter choice lists the new adapter (the pane read the adapters when shown)
        waitFor(30, () -> rvm.adapters().list().stream().anyMatch(a -> a.runId().equals(runId)));
        ComboBox<String> choice = robot.lookup("#adapter-1").query();
        assertThat(choice.getValue()).isEqualTo(runId);
        assertThat(choice.getItems()).contains(runId);
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        screenshot("finetune-in-retrieval");

        // the one-query view: base and tuned columns, the second with its adapter chosen
        robot.interact(() -> shell.page(Section.RETRIEVAL, RetrievalPage.class).view().showOneQuery());
        robot.clickOn("#query").write("vitamin D and bone density");
        waitFor(60, () -> rvm.columns().stream().allMatch(c -> c.resultProperty().get() != null));
        assertThat(rvm.columns().get(1).resultProperty().get().column().adapter()).isEqualTo(runId);
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        screenshot("finetune-retrieval-columns");
    }

    private static void waitFor(int seconds, Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
    }

    private void screenshot(String name) throws Exception {
        Screenshots.save(stage, name);
    }
}
