package dev.ragworkbench.ui;

import atlantafx.base.theme.PrimerLight;
import dev.ragworkbench.app.Workbench;
import dev.ragworkbench.chunking.ChunkerSpec;
import dev.ragworkbench.index.IndexSettings;
import dev.ragworkbench.ingest.ImportFormat;
import dev.ragworkbench.progress.Cancellation;
import dev.ragworkbench.progress.ProgressListener;
import dev.ragworkbench.ui.importing.DocumentRow;
import dev.ragworkbench.ui.importing.ImportView;
import dev.ragworkbench.ui.importing.ImportViewModel;
import dev.ragworkbench.ui.tasks.FxTaskRunner;
import dev.ragworkbench.ui.workspace.WorkspaceSession;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
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

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Import pane's documents table on its own, with the real ViewModel, task runner and workspace: token counts
 * that arrive after the rows, sorting by them, and column widths in the narrowest and the default window.
 */
@ExtendWith(ApplicationExtension.class)
class ImportTableTest {

    /** The Import pane's width in the narrowest window (960 px less the 180 px navigation rail). */
    private static final double NARROWEST = 780;
    private static final double DEFAULT = 1100;

    @TempDir
    static Path tmp;

    private final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private WorkspaceSession session;
    private FxTaskRunner runner;
    private ImportViewModel vm;
    private ImportView view;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        session = WorkspaceSession.open(tmp.resolve("ws-" + System.nanoTime()));
        // titles in file order z…a, and more paragraphs (so more tokens) further down the file order
        Path folder = tmp.resolve("notes-" + System.nanoTime());
        for (int i = 0; i < 8; i++) {
            TestDocs.markdown(folder.resolve("note-" + i + ".md"), (char) ('z' - i) + " note " + i, 1 + i);
        }
        // a file that fails (listed under Failed files), an index and a golden set, for the back tabs' tables
        java.nio.file.Files.writeString(folder.resolve("broken.pdf"), "not a PDF at all");
        session.workbench().importCorpus(folder, ImportFormat.AUTO, "notes", ProgressListener.NONE, new Cancellation());
        session.workbench().buildIndex(new Workbench.IndexRequest("notes",
                ChunkerSpec.parse("recursive:size=65536,overlap=32768"), IndexSettings.NO_EMBEDDER),
                ProgressListener.NONE, new Cancellation());
        Path squad = tmp.resolve("questions-about-the-notes-" + System.nanoTime() + ".json");
        java.nio.file.Files.writeString(squad, """
                {"version": "v2.0", "data": [{"title": "z note 0", "paragraphs": [{"context": "z note 0 text",
                 "qas": [{"id": "q1", "question": "Which note?", "answers": [{"text": "z note", "answer_start": 0}]}]}]}]}
                """);
        session.goldenSets().add(session.workbench().evalSets().importSquad(squad));
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        runner = new FxTaskRunner((title, error) -> errors.add(error));
        vm = new ImportViewModel(session, runner);
        view = new ImportView(vm);
        // sorted by tokens before any row is there: the rows come uncounted, the counts later, set in the rows
        TableColumn<DocumentRow, ?> tokens = column(view.table(), "Tokens");
        tokens.setSortType(TableColumn.SortType.DESCENDING);
        view.table().getSortOrder().setAll(List.of(tokens));
        var scene = new Scene(view, DEFAULT, 720);
        scene.getStylesheets().add(ImportView.class.getResource("/dev/ragworkbench/ui/app.css").toExternalForm());
        scene.getRoot().getStyleClass().add("app-root");
        stage.setScene(scene);
        stage.sizeToScene();  // the stage is the same for every test: undo an earlier test's narrowing
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupStages();
        WaitForAsyncUtils.asyncFx(() -> {
            vm.dispose();
            runner.close();
            session.close();
        }).get(20, TimeUnit.SECONDS);
    }

    @Test
    void aTableSortedByTokensSortsAgainWhenTheCountsArrive(FxRobot robot) throws Exception {
        TableView<DocumentRow> table = view.table();
        waitFor(30, () -> vm.documents().size() == 8
                          && vm.documents().stream().allMatch(r -> r.tokens() != DocumentRow.UNCOUNTED));

        var shown = new ArrayList<>(table.getItems());
        assertThat(shown).hasSize(8);
        assertThat(shown).isSortedAccordingTo(Comparator.comparingInt(DocumentRow::tokens).reversed());
        assertThat(shown.getFirst().id()).isEqualTo("note-7.md");
        assertThat(errors).isEmpty();
    }

    @Test
    void sortingByTitleAndFilteringUseTheRowsValues(FxRobot robot) throws Exception {
        TableView<DocumentRow> table = view.table();
        waitFor(30, () -> table.getItems().size() == 8);

        robot.interact(() -> table.getSortOrder().setAll(List.of(column(table, "Title"))));
        assertThat(table.getItems()).extracting(DocumentRow::title).isSorted();

        robot.interact(() -> column(table, "Title").setSortType(TableColumn.SortType.DESCENDING));
        assertThat(table.getItems()).extracting(DocumentRow::title)
                .isSortedAccordingTo(Comparator.<String>naturalOrder().reversed());

        robot.interact(() -> vm.filterProperty().set("Y NOTE"));
        assertThat(table.getItems()).extracting(DocumentRow::id).containsExactly("note-1.md");
        robot.interact(() -> table.getSortOrder().clear());
        robot.interact(() -> vm.filterProperty().set(""));
        assertThat(table.getItems()).extracting(DocumentRow::id).startsWith("note-0.md", "note-1.md");
    }

    @Test
    void titleTakesTheFreeWidthAndTheOtherColumnsShowAllTheirText(FxRobot robot) throws Exception {
        TableView<DocumentRow> table = view.table();
        waitFor(30, () -> vm.documents().stream().allMatch(r -> r.tokens() != DocumentRow.UNCOUNTED));
        // sorted, so that the header with the sort arrow must fit too
        robot.interact(() -> table.getSortOrder().setAll(List.of(column(table, "Characters"))));
        WaitForAsyncUtils.waitForFxEvents();

        double others = table.getColumns().stream().skip(1).mapToDouble(TableColumn::getWidth).sum();
        assertThat(column(table, "Title").getWidth()).isGreaterThan(others / 3);
        assertThat(truncated(table, ".column-header .label")).isEmpty();
        assertThat(truncated(table, ".table-cell").stream().filter(l -> !column(table, "Title").getText()
                .equals(((javafx.scene.control.TableCell<?, ?>) l).getTableColumn().getText())).toList()).isEmpty();

        robot.interact(() -> stage.setWidth(NARROWEST));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(column(table, "Title").getWidth()).isGreaterThanOrEqualTo(120);
        assertThat(truncated(table, ".column-header .label")).isEmpty();
    }

    @Test
    void theBackTabsTablesShowEveryColumnAndGiveTheFreeWidthToNames(FxRobot robot) throws Exception {
        waitFor(30, () -> !vm.failures().isEmpty() && !vm.indexes().isEmpty() && !vm.evalSets().sets().isEmpty());
        TabPane tabs = robot.lookup(".tab-pane").queryAs(TabPane.class);
        for (double width : new double[] {DEFAULT, NARROWEST}) {
            robot.interact(() -> stage.setWidth(width));
            for (String[] tab : new String[][] {{"Failed files", "#failures"}, {"Eval sets", "#eval-sets"},
                    {"Indexes", "#indexes"}}) {
                robot.interact(() -> tabs.getSelectionModel().select(tabs.getTabs().stream()
                        .filter(t -> t.getText().startsWith(tab[0])).findFirst().orElseThrow()));
                WaitForAsyncUtils.waitForFxEvents();
                TableView<?> table = robot.lookup(tab[1]).queryAs(TableView.class);
                String where = tab[0] + " at " + width + " px";
                double columns = table.getColumns().stream().mapToDouble(TableColumn::getWidth).sum();
                assertThat(table.getColumns()).as(where).allMatch(c -> c.getWidth() > 0 && c.isVisible());
                // no blank strip on the right, and nothing pushed out of sight (the scroll bar's width aside)
                assertThat(columns).as(where).isBetween(table.getWidth() - 20, table.getWidth());
                assertThat(truncated(table, ".column-header .label")).as(where).isEmpty();
                if (width == DEFAULT && !tab[0].equals("Failed files")) {
                    // room for all of "recursive:size=65536,overlap=32768": the names share by their length, not evenly
                    assertThat(truncated(table, ".table-cell")).as(where).isEmpty();
                }
            }
        }
    }

    private static TableColumn<DocumentRow, ?> column(TableView<DocumentRow> table, String title) {
        return table.getColumns().stream().filter(c -> c.getText().equals(title)).findFirst().orElseThrow();
    }

    /** The labels under {@code selector} whose text shows cut short. */
    private static List<Labeled> truncated(TableView<?> table, String selector) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            var cut = new ArrayList<Labeled>();
            for (Node n : table.lookupAll(selector)) {
                if (n instanceof Labeled l && l.isVisible() && l.getText() != null && l.isTextTruncated()) {
                    cut.add(l);
                }
            }
            return cut;
        }).get(10, TimeUnit.SECONDS);
    }

    private static void waitFor(int seconds, Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
