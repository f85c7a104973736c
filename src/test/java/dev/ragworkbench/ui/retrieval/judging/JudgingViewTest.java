package dev.ragworkbench.ui.retrieval.judging;

import atlantafx.base.theme.PrimerLight;
import dev.ragworkbench.app.Workbench;
import dev.ragworkbench.ui.tasks.FxTaskRunner;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleButton;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
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

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The Judging tab in a real window under Xvfb: pooled hits graded with the keys land in a new version. */
@ExtendWith(ApplicationExtension.class)
class JudgingViewTest {

    @TempDir
    static Path dir;
    static Workbench bench;
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private FxTaskRunner runner;
    private JudgingView view;
    private Stage stage;

    @BeforeAll
    static void build() throws Exception {
        bench = JudgingFixture.workspace(dir);
    }

    @AfterAll
    static void close() {
        bench.close();
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        runner = new FxTaskRunner((title, error) -> errors.add(error));
        view = new JudgingView(new PoolViewModel(bench, runner,
                dev.ragworkbench.ui.common.Debouncer.fx(PoolViewModel.SAVE_AFTER_MS)));
        stage.setScene(new Scene(view, 1280, 860));
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupStages();
        runner.close();
    }

    @Test
    void threePooledHitsGradedWithTheKeysMakeANewVersion(FxRobot robot) throws Exception {
        var vm = view.viewModel();
        waitFor(() -> vm.evalSets().contains("mine") && !vm.columns().isEmpty());
        robot.interact(() -> {
            vm.evalSetProperty().set("mine");
            vm.columns().add(new dev.ragworkbench.judging.PoolColumn(
                    dev.ragworkbench.retrieval.RetrieverSpec.parse("bm25:k1=0.4,b=0.1"), vm.columns().getFirst().index()));
        });
        int before = bench.evalSets().versions("mine").size();
        robot.clickOn("#judging-start");
        waitFor(() -> vm.currentProperty().get() != null);
        Label progress = robot.lookup("#judging-progress").query();
        assertThat(progress.getText()).matches("query 1 of 2, 0 of \\d+ hits judged \\(0 of \\d+ in all\\)");
        assertThat(robot.lookup("#judging-text").<TextArea>query().getText()).isNotBlank();
        screenshot("judging-pool");

        var graded = new ArrayList<String>();
        for (KeyCode key : List.of(KeyCode.DIGIT2, KeyCode.DIGIT1, KeyCode.DIGIT0)) {
            graded.add(vm.currentProperty().get().documentId());
            robot.type(key);
            WaitForAsyncUtils.waitForFxEvents();
        }
        waitFor(() -> !runner.busy());
        waitFor(() -> bench.evalSets().get("mine").qrels().judgments("q1").size() == 3);
        var judged = bench.evalSets().get("mine").qrels().judgments("q1");
        assertThat(judged).containsEntry(graded.get(0), 2).containsEntry(graded.get(1), 1)
                .containsEntry(graded.get(2), 0);
        assertThat(bench.evalSets().versions("mine").size()).isGreaterThan(before);
        assertThat(progress.getText()).startsWith("query 1 of 2, 3 of ");

        // back shows the last graded document with its grade selected
        robot.type(KeyCode.B);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.currentProperty().get().documentId()).isEqualTo(graded.get(2));
        assertThat(robot.lookup("#grade-0").<ToggleButton>query().isSelected()).isTrue();
        screenshot("judging-back");
        assertThat(errors).isEmpty();
    }

    @Test
    void aGradeBarWiredToAListsSelectedHitGradesItsDocumentWithKeysAndMouse(FxRobot robot) throws Exception {
        var judgments = new dev.ragworkbench.judging.Judgments(bench.evalSets());
        var model = new GradingModel(judgments, runner);
        var hits = new javafx.scene.control.ListView<String>();
        var bar = new GradeBar(model);
        robot.interact(() -> {
            hits.getItems().setAll("4983", "5836", "7912");
            hits.setId("hits");
            bar.documentIdProperty().bind(hits.getSelectionModel().selectedItemProperty());
            GradeBar.installKeys(hits, model, () -> hits.getSelectionModel().getSelectedItem());
            stage.setScene(new Scene(new javafx.scene.layout.VBox(8, bar, hits), 600, 300));
            model.evalSetProperty().set("mine");
            model.showQueryText("a query typed in the one-query view");
        });
        waitFor(() -> "q3".equals(model.queryIdProperty().get()));
        robot.clickOn("#hits");
        robot.interact(() -> hits.getSelectionModel().select(0));
        robot.type(KeyCode.DIGIT2);
        robot.interact(() -> hits.getSelectionModel().select(1));
        robot.clickOn("#grade-1");
        waitFor(() -> !runner.busy() && bench.evalSets().get("mine").qrels().judgments("q3").size() == 2);
        assertThat(bench.evalSets().get("mine").queries()).containsEntry("q3", "a query typed in the one-query view");
        assertThat(bench.evalSets().get("mine").qrels().judgments("q3")).containsEntry("4983", 2)
                .containsEntry("5836", 1);
        robot.interact(() -> hits.getSelectionModel().select(0));
        assertThat(robot.lookup("#grade-2").<ToggleButton>query().isSelected()).isTrue();
        robot.interact(() -> hits.getSelectionModel().select(2));
        assertThat(robot.lookup("#grade-0").<ToggleButton>query().isSelected()).isFalse();
        assertThat(robot.lookup("#grade-2").<ToggleButton>query().isSelected()).isFalse();
        assertThat(errors).isEmpty();
    }

    private static void waitFor(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void screenshot(String name) throws Exception {
        WritableImage image = WaitForAsyncUtils.asyncFx(() -> stage.getScene().snapshot(null)).get(20, TimeUnit.SECONDS);
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        var out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        var reader = image.getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.setRGB(x, y, reader.getArgb(x, y));
            }
        }
        Path screenshots = Files.createDirectories(Path.of("target", "screenshots"));
        ImageIO.write(out, "png", screenshots.resolve(name + ".png").toFile());
    }
}
