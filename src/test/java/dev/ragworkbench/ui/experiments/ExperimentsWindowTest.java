package dev.ragworkbench.ui.experiments;

import dev.ragworkbench.experiment.spec.ExperimentSpec;
import dev.ragworkbench.experiment.store.Run;
import dev.ragworkbench.experiment.store.RunQuery;
import dev.ragworkbench.experiment.store.RunStatus;
import dev.ragworkbench.retrieval.RetrieverSpec;
import dev.ragworkbench.ui.shell.AppConfig;
import dev.ragworkbench.ui.shell.AppShell;
import dev.ragworkbench.ui.shell.ComparisonRequest;
import dev.ragworkbench.ui.shell.QueryRequest;
import dev.ragworkbench.ui.shell.Section;
import dev.ragworkbench.ui.shell.UiSettings;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Pane;
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

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real window under Xvfb: a spec filled in on the form over a few SciFact documents runs from the Run button,
 * its runs land in the store, and their comparison opens with its charts; screenshots under target/screenshots/.
 */
@ExtendWith(ApplicationExtension.class)
class ExperimentsWindowTest {

    @TempDir
    static Path tmp;

    private AppShell shell;
    private Preferences prefs;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        prefs = Preferences.userRoot().node("dev/ragworkbench/test/" + UUID.randomUUID());
        shell = new AppShell(stage, new AppConfig(tmp.resolve("ws-" + UUID.randomUUID()), new UiSettings(prefs),
                false, false));
        shell.start();
        stage.setWidth(1440);
        stage.setHeight(900);
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupStages();
        WaitForAsyncUtils.asyncFx(() -> shell.close()).get(20, TimeUnit.SECONDS);
        prefs.removeNode();
    }

    @Test
    void aSpecStartedFromTheFormRecordsItsRunsAndTheirComparisonOpensWithCharts(FxRobot robot) throws Exception {
        Path data = TinyScifact.write(tmp.resolve("scifact-tiny"), 8, 40);
        robot.interact(() -> shell.select(Section.EXPERIMENTS));
        var page = shell.page(Section.EXPERIMENTS, ExperimentsPage.class);
        var vm = page.launch().viewModel();
        robot.interact(() -> {
            page.launch().tab().getTabPane().getSelectionModel().select(page.launch().tab());
            vm.form().name().set("window-bm25");
            vm.useCorpusPath(data.resolve("corpus.jsonl"));
            vm.useEvalSetFiles(new ExperimentSpec.Beir(null, data.resolve("queries.jsonl"),
                    data.resolve("qrels/test.tsv")));
            vm.form().metrics().add(dev.ragworkbench.evaluation.Metric.parse("success@10"));
        });
        // a second BM25 setting through the retriever editor's spec string and its Add button
        // (set, not typed: the robot's key map does not reliably type ':' and '=' under Xvfb)
        robot.interact(() -> robot.lookup("#retriever-spec").queryAs(javafx.scene.control.TextField.class)
                .setText("bm25:k1=1.5,b=0.9"));
        // the form scrolls: fired, as a click below the viewport would miss it
        robot.interact(() -> robot.lookup("#retrievers-add").queryButton().fire());
        waitFor(30, () -> vm.problems().isEmpty() && vm.spec().get() != null
                && vm.spec().get().retrievers().size() == 2);
        assertThat(vm.form().retrievers()).containsExactly(RetrieverSpec.parse("bm25"),
                RetrieverSpec.parse("bm25:k1=1.5,b=0.9"));
        assertThat(robot.lookup("#grid-preview").queryLabeled().getText())
                .isEqualTo("2 runs: none · bm25, none · bm25:b=0.9,k1=1.5");
        screenshot("launch-form");

        var run = robot.lookup("#launch-run").queryButton();
        assertThat(run.isDisabled()).isFalse();
        robot.interact(run::fire);
        screenshot("launch-running");
        var store = shell.page(Section.EXPERIMENTS, ExperimentsPage.class).launch().viewModel();
        waitFor(120, () -> !vm.running().get() && finished().size() == 2);
        assertThat(robot.lookup("#launch-runs").queryAs(TableView.class).getItems()).hasSize(2);
        assertThat(robot.lookup("#launch-status").queryLabeled().getText()).isEqualTo("Finished 2 runs of window-bm25.");
        assertThat(store.progress().gridProgress().get()).isEqualTo(1.0);
        screenshot("launch-finished");

        // the exact spec, edited with a mistake: its problem listed as run prints it, its span selected
        robot.interact(() -> page.launch().view().lookupAll(".tab-pane").stream()
                .filter(n -> ((TabPane) n).getTabs().stream().anyMatch(t -> "yaml-tab".equals(t.getId())))
                .map(TabPane.class::cast).findFirst().orElseThrow().getSelectionModel().select(1));
        robot.interact(() -> vm.yaml().set(vm.yaml().get().replace("top:", "tops:") + "top: 5\n"));
        waitFor(30, () -> !vm.problems().isEmpty());
        robot.interact(() -> robot.lookup("#spec-problems").queryAs(ListView.class).getSelectionModel().select(0));
        assertThat(vm.problems().getFirst().text()).contains("top (5) is below the cut-off of ndcg@10");
        WaitForAsyncUtils.waitForFxEvents();
        screenshot("launch-yaml-problem");

        List<Run> runs = finished();
        robot.interact(() -> shell.open(Section.EXPERIMENTS, new ComparisonRequest(runs.get(0).id(), runs.get(1).id())));
        var compare = page.compare();
        waitFor(60, () -> compare.viewModel().comparison().get() != null && compare.viewModel().pair().get() != null);
        assertThat(compare.tab().isSelected()).isTrue();
        assertThat(compare.viewModel().comparison().get().metrics()).contains("ndcg@10", "recall@100", "success@10");
        robot.interact(() -> compare.view().lookupAll(".tab-pane").stream().map(TabPane.class::cast)
                .filter(t -> t.getTabs().stream().anyMatch(x -> x.getText().equals("Charts"))).findFirst().orElseThrow()
                .getSelectionModel().select(2));
        waitFor(30, () -> robot.lookup("#chart-bars").queryAs(Pane.class).getChildren().size() == 3
                && robot.lookup("#chart-pair").queryAs(Pane.class).getChildren().size() == 2);
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        screenshot("compare-charts");

        robot.interact(() -> compare.view().lookupAll(".tab-pane").stream().map(TabPane.class::cast)
                .filter(t -> t.getTabs().stream().anyMatch(x -> x.getText().equals("Charts"))).findFirst().orElseThrow()
                .getSelectionModel().select(0));
        WaitForAsyncUtils.waitForFxEvents();
        screenshot("compare-params");
        var params = robot.lookup("#compare-params").queryAs(TableView.class);
        assertThat(params.getItems()).extracting(r -> ((dev.ragworkbench.experiment.compare.RunsComparison.ParamRow) r).key())
                .contains("retrieval.k1", "retrieval.b").doesNotContain("corpus.path");

        // a flipped query, if any, opens in the Retrieval pane with the run's index and retriever
        var flips = compare.viewModel().flips();
        if (!flips.isEmpty()) {
            var request = compare.viewModel().request(flips.getFirst()).orElseThrow();
            robot.interact(() -> shell.open(Section.RETRIEVAL, request));
            assertThat(robot.lookup("#nav-retrieval").queryAs(javafx.scene.control.ToggleButton.class).isSelected())
                    .isTrue();
            assertThat(request.index()).isEqualTo(runs.get(1).params().get("index.name"));
            assertThat(request.retriever()).isEqualTo(RetrieverSpec.parse(runs.get(1).params().get("retrieval.kind")
                    + ":k1=" + runs.get(1).params().get("retrieval.k1") + ",b="
                    + runs.get(1).params().get("retrieval.b")).toString());
        }
    }

    @Test
    void aStoredChatModelAddedToTheFormMultipliesTheGrid(FxRobot robot) throws Exception {
        Path data = TinyScifact.write(tmp.resolve("scifact-models"), 8, 40);
        shell.session().workbench().chatModels().add(new dev.ragworkbench.generation.ChatModelSettings("llama3",
                dev.ragworkbench.generation.ChatProvider.OLLAMA, "http://localhost:11434", "llama3.1:8b", null, null,
                null, null, 1, null, null, null));
        robot.interact(() -> shell.select(Section.EXPERIMENTS));
        var page = shell.page(Section.EXPERIMENTS, ExperimentsPage.class);
        var vm = page.launch().viewModel();
        robot.interact(() -> {
            page.launch().tab().getTabPane().getSelectionModel().select(page.launch().tab());
            vm.refreshChoices();
            vm.form().name().set("answers");
            vm.useCorpusPath(data.resolve("corpus.jsonl"));
            vm.form().retrievers().add(RetrieverSpec.parse("bm25:k1=1.5,b=0.9"));
        });
        waitFor(30, () -> vm.chatModels().contains("llama3"));
        robot.interact(() -> robot.lookup("#model-choice").queryComboBox().getSelectionModel().select("llama3"));
        robot.interact(() -> robot.lookup("#models-add").queryButton().fire());
        waitFor(30, () -> robot.lookup("#grid-preview").queryLabeled().getText().contains("model"));
        assertThat(robot.lookup("#grid-preview").queryLabeled().getText()).isEqualTo(
                "2 runs (2 points × 1 model): none · bm25 · llama3, none · bm25:b=0.9,k1=1.5 · llama3");
        assertThat(vm.yaml().get()).contains("models:\n  - llama3\n");
        javafx.scene.Node form = robot.lookup("#models").query();
        while (!(form instanceof javafx.scene.control.ScrollPane)) {
            form = form.getParent();
        }
        var scroll = (javafx.scene.control.ScrollPane) form;
        robot.interact(() -> scroll.setVvalue(scroll.getVmax()));
        WaitForAsyncUtils.sleep(200, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        screenshot("launch-form-models");
    }

    private List<Run> finished() {
        return storeRuns().stream().filter(r -> r.status() == RunStatus.FINISHED)
                .sorted(Comparator.comparing(Run::name)).toList();
    }

    private List<Run> storeRuns() {
        return shell.session().workbench().runs().runs(RunQuery.all());
    }

    private static void waitFor(int seconds, Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
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
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        ImageIO.write(out, "png", dir.resolve(name + ".png").toFile());
    }
}
