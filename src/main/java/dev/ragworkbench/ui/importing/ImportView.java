package dev.ragworkbench.ui.importing;

import dev.ragworkbench.ui.common.FirstPulse;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.util.List;

/**
 * The Import pane: drop or pick files; one tab each for the documents, the failed files, the eval sets and the
 * indexes, over one {@link ImportViewModel}.
 */
public final class ImportView extends StackPane {

    private final ImportViewModel vm;
    private final FilePicker files = new FilePicker(this::window);
    private final DocumentsTab documents;
    private final Label dropHint = new Label("Drop files or folders to import them");
    private final TabPane tabs = new TabPane();

    public ImportView(ImportViewModel vm) {
        this.vm = vm;
        getStyleClass().add("import-view");
        var page = new BorderPane();
        page.getStyleClass().add("page");
        page.setTop(header());
        page.setCenter(tabs);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        documents = new DocumentsTab(vm, files);
        tabs.getTabs().addAll(documents.tab(), new FailedFilesTab(vm).tab(), new EvalSetsTab(vm, files).tab(),
                new IndexesTab(vm, files).tab());
        dropHint.getStyleClass().add("drop-hint");
        dropHint.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
        dropHint.setVisible(false);
        dropHint.setMouseTransparent(true);
        getChildren().addAll(page, dropHint);
        setOnDragOver(this::dragOver);
        setOnDragExited(e -> dropHint.setVisible(false));
        setOnDragDropped(this::dragDropped);
        vm.setAfterRowsShown(action -> FirstPulse.afterNext(documents.table().getScene(), action));
    }

    // ---- drag and drop

    private void dragOver(DragEvent e) {
        if (e.getDragboard().hasFiles()) {
            e.acceptTransferModes(TransferMode.COPY);
            dropHint.setVisible(true);
        }
        e.consume();
    }

    private void dragDropped(DragEvent e) {
        boolean ok = e.getDragboard().hasFiles();
        if (ok) {
            dropFiles(e.getDragboard().getFiles());
        }
        dropHint.setVisible(false);
        e.setDropCompleted(ok);
        e.consume();
    }

    /** What a drop does with its files: import each (the drop handler calls this; tests too). */
    public void dropFiles(List<File> files) {
        vm.importPaths(files.stream().map(File::toPath).toList());
    }

    // ---- header

    private Node header() {
        var title = new Label("Import");
        title.getStyleClass().add("title-2");
        var subtitle = new Label("Documents to search, eval sets to score against, and the indexes built from them");
        subtitle.getStyleClass().add("text-muted");
        var titles = new VBox(2, title, subtitle);

        var corpus = new ComboBox<>(vm.corpora());
        corpus.setId("corpus");
        corpus.valueProperty().bindBidirectional(vm.corpusProperty());
        corpus.setPromptText("No corpus yet");
        corpus.setPrefWidth(200);
        corpus.setTooltip(new Tooltip("The corpus new files are added to; a first import creates one named after it"));
        var corpusLabel = new Label("Corpus");
        corpusLabel.getStyleClass().add("field-label");
        var addFiles = new Button("Add files…");
        addFiles.setId("add-files");
        addFiles.getStyleClass().add("accent");
        addFiles.setOnAction(e -> pickFiles());
        var addFolder = new Button("Add folder…");
        addFolder.setId("add-folder");
        addFolder.setOnAction(e -> pickFolder());
        var spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        // in a narrow window the subtitle shortens, not the buttons
        corpus.setMinWidth(140);
        for (var fixed : List.of(corpusLabel, addFiles, addFolder)) {
            fixed.setMinWidth(Region.USE_PREF_SIZE);
        }
        var row = new HBox(8, titles, spacer, corpusLabel, corpus, addFiles, addFolder);
        row.setAlignment(Pos.CENTER_LEFT);

        var status = new Label();
        status.setId("import-status");
        status.textProperty().bind(vm.statusProperty());
        status.getStyleClass().add("text-muted");
        var box = new VBox(8, row, status);
        box.setPadding(new Insets(0, 0, 12, 0));
        return box;
    }

    private void pickFiles() {
        var chooser = new FileChooser();
        chooser.setTitle("Import documents");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Documents", "*.md", "*.markdown", "*.txt", "*.text", "*.pdf",
                        "*.html", "*.htm", "*.jsonl"),
                new FileChooser.ExtensionFilter("All files", "*"));
        var picked = chooser.showOpenMultipleDialog(window());
        if (picked != null) {
            dropFiles(picked);
        }
    }

    private void pickFolder() {
        var chooser = new DirectoryChooser();
        chooser.setTitle("Import a folder of documents");
        var dir = chooser.showDialog(window());
        if (dir != null) {
            dropFiles(List.of(dir));
        }
    }

    private Window window() {
        return getScene() == null ? null : getScene().getWindow();
    }

    // ---- documents

    public TableView<DocumentRow> table() {
        return documents.table();
    }

    public TabPane tabs() {
        return tabs;
    }
}
