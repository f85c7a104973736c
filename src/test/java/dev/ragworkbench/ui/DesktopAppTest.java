package dev.ragworkbench.ui;

import dev.ragworkbench.ui.chunking.ChunkingPage;
import dev.ragworkbench.ui.chunking.ChunkingViewModel;
import dev.ragworkbench.ui.importing.DocumentRow;
import dev.ragworkbench.ui.importing.ImportPage;
import dev.ragworkbench.ui.importing.ImportView;
import dev.ragworkbench.ui.importing.ImportViewModel;
import dev.ragworkbench.ui.shell.AppConfig;
import dev.ragworkbench.ui.retrieval.RetrievalPage;
import dev.ragworkbench.ui.shell.AppShell;
import dev.ragworkbench.ui.shell.ComparisonRequest;
import dev.ragworkbench.ui.shell.QueryRequest;
import dev.ragworkbench.ui.shell.Section;
import dev.ragworkbench.ui.shell.UiSettings;
import dev.ragworkbench.sample.SampleWorkspace;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableView;
import javafx.scene.image.WritableImage;
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
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The real window under Xvfb: seeded sample, import, chunking preview, cancelling an import. */
@ExtendWith(ApplicationExtension.class)
class DesktopAppTest {

    @TempDir
    static Path tmp;

    private AppShell shell;
    private Preferences prefs;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        prefs = Preferences.userRoot().node("dev/ragworkbench/test/" + UUID.randomUUID());
        Path ws = tmp.resolve("ws-" + UUID.randomUUID());
        shell = new AppShell(stage, new AppConfig(ws, new UiSettings(prefs), true, false));
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
    void importsAFolderOfMarkdownAndPdfThroughTheDropHandler(FxRobot robot) throws Exception {
        waitFor(30, () -> importVm().documents().size() == 24 && shell.runner().running().isEmpty());
        assertThat(stage.getTitle()).startsWith("RAG Workbench — ws-");
        assertThat(shell.session().goldenSets()).hasSize(1);

        Path folder = TestDocs.mixedFolder(tmp.resolve("drop-" + UUID.randomUUID()).resolve("field-notes"), 5, 3);
        robot.interact(() -> importVm().corpusProperty().set(null));
        robot.interact(() -> importView().dropFiles(List.of(folder.toFile())));
        waitFor(30, () -> "field-notes".equals(importVm().corpusProperty().get())
                          && importVm().documents().size() == 8);

        TableView<DocumentRow> table = robot.lookup("#documents").query();
        assertThat(table.getItems()).hasSize(8);
        assertThat(table.getItems().stream().map(DocumentRow::type).distinct()).containsExactlyInAnyOrder("markdown", "pdf");
        assertThat(table.getItems()).filteredOn(r -> r.type().equals("pdf"))
                .allSatisfy(r -> assertThat(r.pages()).isEqualTo(2));

        robot.clickOn("#document-filter").write("report");
        waitFor(5, () -> table.getItems().size() == 3);
        robot.interact(() -> table.getSelectionModel().select(0));
        robot.clickOn("#find-in-text").write("overlap");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#document-text").<javafx.scene.control.TextArea>query().getSelectedText()).isEqualToIgnoringCase("overlap");
        screenshot("import-pane");
    }

    @Test
    void reopeningAWorkspaceListsItsGoldenSetAfterTheFirstFrame(FxRobot robot) throws Exception {
        waitFor(30, () -> importVm().documents().size() == 24 && !shell.runner().busy());
        Path dir = shell.session().root();
        // the window reads golden sets in a background task once the workspace is open, not while opening it
        robot.interact(() -> shell.openWorkspace(dir));
        assertThat(shell.session().root()).isEqualTo(dir);
        waitFor(30, () -> shell.session().goldenSets().size() == 1 && !shell.runner().busy());
        assertThat(shell.session().goldenSets().getFirst().size()).isEqualTo(218);
        assertThat(shell.session().goldenSets().getFirst().answerSpans()).isPositive();
        waitFor(30, () -> importVm().documents().size() == 24);
    }

    @Test
    void changingTheChunkSizeChangesTheChunkCount(FxRobot robot) throws Exception {
        waitFor(30, () -> importVm().documents().size() == 24 && shell.runner().running().isEmpty());
        robot.clickOn("#nav-chunking");
        var chunking = chunkingVm();
        waitFor(30, () -> chunking.document().get() != null && !chunking.columns().getFirst().chunks().isEmpty());
        robot.clickOn("#add-setting");
        waitFor(30, () -> chunking.columns().size() == 2 && !chunking.columns().get(1).chunks().isEmpty()
                          && !chunking.columns().get(1).busyProperty().get());
        int before = chunking.columns().getFirst().chunks().size();

        Spinner<?> size = robot.lookup("#size-0").query();
        robot.doubleClickOn(size.getEditor()).eraseText(4).write("64").type(javafx.scene.input.KeyCode.ENTER);
        waitFor(30, () -> chunking.columns().getFirst().sizeProperty().get() == 64
                          && !chunking.columns().getFirst().busyProperty().get()
                          && chunking.columns().getFirst().chunks().size() > before);
        assertThat(chunking.columns().getFirst().statsProperty().get().max()).isLessThanOrEqualTo(64);
        assertThat(chunking.evidence()).isNotEmpty();
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        screenshot("chunking-pane");
    }

    private static final int FILES = 12_000;

    @Test
    void cancellingAnImportRemovesTheTaskAndKeepsTheTableConsistent(FxRobot robot) throws Exception {
        waitFor(30, () -> importVm().documents().size() == 24 && shell.runner().running().isEmpty());
        Path big = tmp.resolve("big-" + UUID.randomUUID()).resolve("many-notes");
        Files.createDirectories(big);
        // Large enough that the import is still running when the robot's click lands, even on a quiet machine
        // (6,000 files finished first once).
        for (int i = 0; i < FILES; i++) {
            Files.writeString(big.resolve(String.format("n%05d.md", i)),
                    "# Note " + i + "\n\n" + TestDocs.PARAGRAPH + i + "\n");
        }
        robot.interact(() -> importVm().corpusProperty().set(null));
        robot.interact(() -> importView().dropFiles(List.of(big.toFile())));
        waitFor(20, () -> !shell.runner().running().isEmpty());
        waitFor(20, () -> robot.lookup(".task-cancel").tryQuery().isPresent());
        // fire() rather than a robot click: under Xvfb the pointer's click landed after the import had finished
        // or missed the button, so the test only sometimes cancelled anything.
        Button cancel = robot.lookup(".task-cancel").queryAs(Button.class);
        screenshot("import-running");  // before the cancel: the task in the status bar, with its progress
        robot.interact(cancel::fire);
        waitFor(60, () -> shell.runner().running().isEmpty());
        // whatever was committed before the cancel is listed, and the table agrees with the store
        waitFor(60, () -> {
            String corpus = importVm().corpusProperty().get();
            return corpus != null && corpus.equals("many-notes")
                   && importVm().documents().size()
                      == shell.session().workbench().documents().count(corpus);
        });
        int kept = importVm().documents().size();
        assertThat(kept).isLessThan(FILES);
        TableView<DocumentRow> table = robot.lookup("#documents").query();
        assertThat(table.getItems()).hasSize(kept);
        assertThat(shell.session().workbench().documents().count(SampleWorkspace.CORPUS)).isEqualTo(24);
        screenshot("import-cancelled");
    }

    @Test
    void placeholdersAndDarkTheme(FxRobot robot) throws Exception {
        waitFor(30, () -> importVm().documents().size() == 24 && shell.runner().running().isEmpty());
        robot.interact(() -> shell.select(Section.EXPERIMENTS));
        // issue 12 replaced the Experiments placeholder with the history
        assertThat(robot.lookup("#history-table").tryQuery()).isPresent();
        // one pane opens another through the navigator, with a request of the type the target takes
        robot.interact(() -> shell.open(Section.RETRIEVAL, new QueryRequest(null, "what is sepsis?")));
        assertThat(shell.page(Section.RETRIEVAL, RetrievalPage.class).lastRequest())
                .isEqualTo(new QueryRequest(null, "what is sepsis?"));
        assertThat(robot.lookup("#nav-retrieval").queryAs(javafx.scene.control.ToggleButton.class).isSelected()).isTrue();
        assertThatThrownBy(() -> shell.open(Section.RETRIEVAL, new ComparisonRequest("a", "b")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Retrieval pane takes no");
        robot.interact(() -> shell.select(Section.EXPERIMENTS));
        robot.clickOn("View").clickOn("Theme").clickOn("Dark");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(stage.getScene().getRoot().getStyleClass()).contains("dark");
        assertThat(prefs.get("theme", "")).isEqualTo("DARK");
        screenshot("placeholder-dark");
        robot.interact(() -> shell.select(Section.CHUNKING));
        waitFor(30, () -> !chunkingVm().columns().getFirst().chunks().isEmpty());
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        screenshot("chunking-dark");
        assertThat(prefs.get("lastPane", "")).isEqualTo("CHUNKING");
    }

    private ImportViewModel importVm() {
        return shell.page(Section.IMPORT, ImportPage.class).viewModel();
    }

    private ImportView importView() {
        return shell.page(Section.IMPORT, ImportPage.class).view();
    }

    private ChunkingViewModel chunkingVm() {
        return shell.page(Section.CHUNKING, ChunkingPage.class).viewModel();
    }

    private static void waitFor(int seconds, Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Saves a snapshot of the window's scene under target/screenshots/. */
    private void screenshot(String name) throws Exception {
        WritableImage image = WaitForAsyncUtils.asyncFx(() -> {
            Scene scene = stage.getScene();
            return scene.snapshot(null);
        }).get(20, TimeUnit.SECONDS);
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
        write(out, dir.resolve(name + ".png").toFile());
    }

    private static void write(BufferedImage image, File file) throws IOException {
        ImageIO.write(image, "png", file);
    }
}
