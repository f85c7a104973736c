package dev.ragworkbench.ui.experiments;

import atlantafx.base.theme.PrimerLight;
import dev.ragworkbench.experiment.ExperimentRunner;
import dev.ragworkbench.experiment.history.HistorySearch;
import dev.ragworkbench.experiment.history.TinyExperiment;
import dev.ragworkbench.experiment.spec.ExperimentSpec;
import dev.ragworkbench.experiment.store.EndedRun;
import dev.ragworkbench.experiment.store.HistoryQuery;
import dev.ragworkbench.experiment.store.Run;
import dev.ragworkbench.experiment.store.RunBatch;
import dev.ragworkbench.experiment.store.RunStore;
import dev.ragworkbench.progress.Cancellation;
import dev.ragworkbench.progress.ProgressListener;
import dev.ragworkbench.ui.shell.PageContext;
import dev.ragworkbench.ui.shell.PageRequest;
import dev.ragworkbench.ui.shell.Section;
import dev.ragworkbench.ui.tasks.FxTaskRunner;
import dev.ragworkbench.ui.workspace.WorkspaceSession;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Experiments pane in a real window: runs made by the real {@link ExperimentRunner} on a tiny corpus plus lone
 * runs written through the store's batch path; the search language narrows the table, a bad query is marked,
 * baseline deltas appear, deletion asks first, a run's page opens, and a run written by another writer shows up
 * within two seconds.
 */
@ExtendWith(ApplicationExtension.class)
class ExperimentsPaneTest {

    @TempDir
    static Path tmp;

    private final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private WorkspaceSession session;
    private FxTaskRunner runner;
    private ExperimentsPage page;
    private Stage stage;
    private List<String> grid;

    /** A workspace with the tiny experiment's runs, made once (off the FX thread); each test works on a copy. */
    private static Path template;
    private static List<String> gridIds;

    @org.junit.jupiter.api.BeforeAll
    static void runTheExperimentOnce() throws Exception {
        template = tmp.resolve("template");
        Path spec = TinyExperiment.write(tmp.resolve("data"));
        try (var bench = dev.ragworkbench.app.Workbench.open(template)) {
            RunStore store = bench.runs();
            gridIds = new ExperimentRunner(bench, store).run(ExperimentSpec.load(spec),
                    new ExperimentRunner.Options(null, null, null), ProgressListener.NONE, new Cancellation())
                    .stream().map(o -> o.run().id()).toList();
            store.record(List.of(lone("lone-a", "2026-02-01T10:00:00Z", 0.31), lone("lone-b", "2026-02-02T10:00:00Z", 0.42)));
        }
    }

    private static Path copyOfTemplate() throws java.io.IOException {
        Path target = tmp.resolve("ws-" + System.nanoTime());
        try (var files = Files.walk(template)) {
            for (Path p : files.toList()) {
                Path to = target.resolve(template.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else if (!p.getFileName().toString().endsWith(".lock.db")) {
                    Files.copy(p, to);
                }
            }
        }
        return target;
    }

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        grid = gridIds;
        session = WorkspaceSession.open(copyOfTemplate());
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        runner = new FxTaskRunner((title, error) -> errors.add(error));
        page = new ExperimentsPage(new PageContext(Section.EXPERIMENTS, session, runner,
                (section, request) -> { }));
        var scene = new Scene((javafx.scene.Parent) page.view(), 1280, 760);
        scene.getStylesheets().add(ExperimentsPage.class.getResource("/dev/ragworkbench/ui/app.css").toExternalForm());
        scene.getRoot().getStyleClass().add("app-root");
        stage.setScene(scene);
        stage.show();
        page.attach();
    }

    static EndedRun lone(String name, String start, double ndcg) {
        Instant at = Instant.parse(start);
        return EndedRun.finished(name, at, at.plusSeconds(12), RunBatch.builder().params(Map.of("retrieval.kind", "bm25"))
                .metrics(Map.of("ndcg@10", ndcg)).tags(Map.of("owner", "ana")).build());
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupStages();
        WaitForAsyncUtils.asyncFx(() -> {
            page.dispose();
            runner.close();
            session.close();
        }).get(20, TimeUnit.SECONDS);
    }

    private TableView<HistoryRow> table(FxRobot robot) {
        return robot.lookup("#history-table").query();
    }

    private List<String> shownIds(FxRobot robot) {
        return table(robot).getItems().stream().filter(r -> !r.isGroup()).map(r -> r.run().id()).toList();
    }

    @Test
    void theLanguageNarrowsTheTableAndABadQueryIsMarked(FxRobot robot) throws Exception {
        waitFor(30, () -> shownIds(robot).size() == 5);
        screenshot("experiments-history");

        robot.clickOn("#history-search").write("metrics.ndcg@10 > high").type(KeyCode.ENTER);
        waitFor(10, () -> robot.lookup("#history-search-error").queryAs(Label.class).getParent().isVisible());
        assertThat(robot.lookup("#history-search-error").queryAs(Label.class).getText())
                .isEqualTo("column 19: 'metrics.ndcg@10' is a number; compare it with a number, not 'high'");
        assertThat(robot.lookup("#history-search-bad-part").queryAs(Label.class).getText()).isEqualTo("high");
        assertThat(shownIds(robot)).as("a bad query keeps the table as it was").hasSize(5);
        screenshot("experiments-search-error");

        String query = "experiment = '" + TinyExperiment.NAME + "' and (metrics.ndcg@10 >= 0.95 or params.retrieval.k1 > 2)";
        robot.interact(() -> page.history().queryProperty().set(query));
        robot.clickOn("#history-search").type(KeyCode.ENTER);
        var expected = session.workbench().runs().search(HistoryQuery.all().where(HistorySearch.parse(query)))
                .runs().stream().map(Run::id).toList();
        assertThat(expected).isNotEmpty().hasSizeLessThan(3);
        waitFor(10, () -> shownIds(robot).equals(expected));
        assertThat(robot.lookup("#history-search-error").queryAs(Label.class).getParent().isVisible()).isFalse();
        assertThat(robot.lookup("#history-search-error").queryAs(Label.class).getText()).isEmpty();
        assertThat(errors).isEmpty();
    }

    @Test
    void baselineDeltasAppearAndDeletingAsksFirst(FxRobot robot) throws Exception {
        waitFor(30, () -> shownIds(robot).size() == 5);
        // the grid's best run (by ndcg@10) becomes the baseline
        String best = grid.stream().max(java.util.Comparator.comparingDouble(id ->
                session.workbench().runs().run(id).metrics().get("ndcg@10"))).orElseThrow();
        robot.interact(() -> {
            var t = table(robot);
            t.getSelectionModel().clearSelection();
            t.getItems().stream().filter(r -> r.run().id().equals(best)).findFirst()
                    .ifPresent(r -> t.getSelectionModel().select(r));
        });
        robot.clickOn("#history-baseline");
        waitFor(10, () -> table(robot).getItems().stream().anyMatch(HistoryRow::baseline));
        WaitForAsyncUtils.waitForFxEvents();
        var deltas = robot.lookup("#history-table .table-cell .label").queryAllAs(Label.class).stream()
                .map(Label::getText).filter(t -> t.startsWith("-") || t.startsWith("+")).toList();
        assertThat(deltas).as("the other grid runs' metric cells show their deltas").isNotEmpty()
                .anyMatch(t -> t.startsWith("-0.") && !t.equals("-0.0000"));
        assertThat(robot.lookup("#history-table .label").queryAllAs(Label.class)).anyMatch(l -> "baseline".equals(l.getText()));
        screenshot("experiments-baseline-deltas");

        String lone = table(robot).getItems().stream().filter(r -> r.run().name().equals("lone-a")).findFirst()
                .orElseThrow().run().id();
        select(robot, lone);
        robot.clickOn("#history-delete");
        WaitForAsyncUtils.waitForFxEvents();
        screenshot("experiments-delete-confirm");
        robot.clickOn(dialogButton(robot, "Cancel"));
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        assertThat(session.workbench().runs().find(lone)).as("cancelled: still there").isPresent();

        select(robot, lone);
        robot.clickOn("#history-delete");
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(dialogButton(robot, "Delete"));
        waitFor(10, () -> shownIds(robot).size() == 4 && !shownIds(robot).contains(lone));
        assertThat(session.workbench().runs().find(lone)).isEmpty();
        assertThat(errors).isEmpty();
    }

    @Test
    void aRunsPageAndRunsWrittenElsewhere(FxRobot robot) throws Exception {
        waitFor(30, () -> shownIds(robot).size() == 5);
        // another writer: a second store on the workspace, as a 'run' in a terminal would be
        var other = new RunStore(session.workbench().workspace());
        long t0 = System.nanoTime();
        other.record(List.of(lone("from-the-terminal", "2026-12-01T09:00:00Z", 0.5)));
        waitFor(10, () -> table(robot).getItems().stream().anyMatch(r -> r.run().name().equals("from-the-terminal")));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(ms).as("shown within two seconds of the write (poll every %s)", ExperimentsPage.POLL).isLessThan(2_500);

        robot.interact(() -> page.openRun(grid.getFirst()));
        waitFor(10, () -> robot.lookup("#run-queries").queryTableView().getItems().size() == 5);
        assertThat(robot.lookup("#run-title").queryAs(Label.class).getText()).startsWith("none · bm25");
        assertThat(robot.lookup("#run-params").queryTableView().getItems()).isNotEmpty();
        robot.clickOn("Per query");
        robot.clickOn("#run-query-filter").write("q5");
        assertThat(robot.lookup("#run-queries").queryTableView().getItems()).hasSize(1);
        screenshot("experiments-run-per-query");
        robot.clickOn("Tags and note");
        robot.clickOn("#run-note").write("k1 matters on q5");
        robot.clickOn("#run-note-save");
        waitFor(10, () -> session.workbench().runs().run(grid.getFirst()).notes().stream()
                .anyMatch(n -> n.text().equals("k1 matters on q5")));
        robot.clickOn("Artifacts");
        waitFor(10, () -> !robot.lookup("#run-artifacts").queryListView().getItems().isEmpty());
        robot.interact(() -> robot.lookup("#run-artifacts").queryListView().getSelectionModel().select(0));
        robot.clickOn("#run-artifact-open");
        waitFor(10, () -> !robot.lookup("#run-artifact-text").queryAs(javafx.scene.control.TextArea.class).getText().isEmpty());
        screenshot("experiments-run-artifacts");

        // two runs selected: Compare hands their ids on
        robot.clickOn("#run-back");
        robot.interact(() -> {
            var t = table(robot);
            t.getSelectionModel().clearSelection();
            t.getItems().stream().filter(r -> grid.contains(r.run().id())).limit(2).forEach(r -> t.getSelectionModel().select(r));
        });
        robot.clickOn("#history-compare");
        // The Compare tab (the launch track's view) receives them and compares them.
        var comparison = page.compare().viewModel().comparison();
        waitFor(30, () -> comparison.get() != null);
        assertThat(comparison.get().runs()).extracting(r -> r.id()).as("the two selected grid runs")
                .hasSize(2).allMatch(grid::contains);
        assertThat(errors).isEmpty();
        page.open(PageRequest.NONE);
    }

    private void select(FxRobot robot, String id) {
        robot.interact(() -> {
            var t = table(robot);
            t.getSelectionModel().clearSelection();
            t.getItems().stream().filter(r -> !r.isGroup() && r.run().id().equals(id)).findFirst()
                    .ifPresent(r -> t.getSelectionModel().select(r));
        });
    }

    private static Node dialogButton(FxRobot robot, String text) {
        return robot.lookup(".dialog-pane .button").queryAllAs(Button.class).stream()
                .filter(b -> b.getText().equals(text)).findFirst().orElseThrow();
    }

    private static void waitFor(int seconds, Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void screenshot(String name) throws Exception {
        WritableImage image = WaitForAsyncUtils.asyncFx(() -> stage.getScene().snapshot(null)).get(20, TimeUnit.SECONDS);
        var out = new BufferedImage((int) image.getWidth(), (int) image.getHeight(), BufferedImage.TYPE_INT_ARGB);
        var reader = image.getPixelReader();
        for (int y = 0; y < out.getHeight(); y++) {
            for (int x = 0; x < out.getWidth(); x++) {
                out.setRGB(x, y, reader.getArgb(x, y));
            }
        }
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        ImageIO.write(out, "png", dir.resolve(name + ".png").toFile());
    }
}
