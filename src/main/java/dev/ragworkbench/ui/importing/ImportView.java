package dev.ragworkbench.ui.importing;

import dev.ragworkbench.evaluation.EvalSet;
import dev.ragworkbench.index.IndexInfo;
import dev.ragworkbench.ingest.ImportFailure;
import dev.ragworkbench.ui.common.Dialogs;
import dev.ragworkbench.ui.common.FirstPulse;
import dev.ragworkbench.ui.common.Formats;
import dev.ragworkbench.ui.common.Tables;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.beans.binding.Bindings;
import javafx.collections.ObservableList;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.DragEvent;
import javafx.scene.input.KeyCode;
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
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.Locale;
import java.util.Map;

/** The Import pane: drop or pick files, see the documents, their failures, golden sets and indexes. */
public final class ImportView extends StackPane {

    /** Title shows at least this much: in the narrowest window the table scrolls sideways instead. */
    private static final double TITLE_MIN_WIDTH = 120;
    private static final double READER_MIN_WIDTH = 180;

    private final ImportViewModel vm;
    private final TableView<DocumentRow> table = new TableView<>();
    private final TextArea text = new TextArea();
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
        tabs.getTabs().addAll(documentsTab(),
                countedTab("Failed files", vm.failures(), this::failuresContent),
                countedTab("Eval sets", vm.goldenSets(), this::goldenSetsContent),
                countedTab("Indexes", vm.indexes(), this::indexesContent));
        dropHint.getStyleClass().add("drop-hint");
        dropHint.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
        dropHint.setVisible(false);
        dropHint.setMouseTransparent(true);
        getChildren().addAll(page, dropHint);
        setOnDragOver(this::dragOver);
        setOnDragExited(e -> dropHint.setVisible(false));
        setOnDragDropped(this::dragDropped);
        vm.setAfterRowsShown(action -> FirstPulse.afterNext(table.getScene(), action));
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
        var files = chooser.showOpenMultipleDialog(window());
        if (files != null) {
            dropFiles(files);
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

    /** Asks for one file; empty when the user cancels. */
    private Optional<Path> chooseFile(String title, FileChooser.ExtensionFilter... filters) {
        var chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().addAll(filters);
        return Optional.ofNullable(chooser.showOpenDialog(window())).map(File::toPath);
    }

    // ---- documents

    private Tab documentsTab() {
        table.setId("documents");
        // Cells print text made with the rows (off the FX thread); every column but Title fits its content, and
        // Title takes the rest. A fixed row height (app.css) spares measuring each row as the table fills.
        var title = Tables.flexible(Tables.text("Title", DocumentRow::title, TITLE_MIN_WIDTH), TITLE_MIN_WIDTH);
        var type = Tables.fitted(Tables.text("Type", DocumentRow::type, 0), "markdown");
        var pages = Tables.fitted(Tables.numeric(Tables.shown("Pages", DocumentRow::pagesShown)), "9,999");
        var characters = Tables.fitted(Tables.numeric(Tables.shown("Characters", DocumentRow::charactersShown)),
                "9,999,999");
        var tokens = Tables.fitted(Tables.numeric(Tables.shownProperty("Tokens", DocumentRow::tokensProperty)),
                "9,999,999");
        var imported = Tables.fitted(Tables.shown("Imported", DocumentRow::importedShown), Formats.time(Instant.now()));
        table.getColumns().setAll(List.of(title, type, pages, characters, tokens, imported));
        // What each column sorts by, read from the row: the table's own comparator asks every column for a new cell
        // value (and a new Collator for text) at each comparison, which took 20 ms (warm) to 270 ms (cold) of the
        // FX thread to sort 1,000 rows by title.
        Map<TableColumn<DocumentRow, ?>, Comparator<DocumentRow>> keys = Map.of(
                title, Comparator.comparing(DocumentRow::titleKey),
                type, Comparator.comparing(DocumentRow::type),
                pages, Comparator.comparingInt(DocumentRow::pages),
                characters, Comparator.comparingInt(DocumentRow::characters),
                tokens, Comparator.comparingInt(DocumentRow::tokens),
                imported, Comparator.comparing(DocumentRow::importedAt,
                        Comparator.nullsFirst(Comparator.naturalOrder())));
        var sorted = new SortedList<>(vm.filteredDocuments());
        // The table sorts by giving the sorted list a comparator (rather than binding it to the table's), so that
        // token counts, set in the rows in place, can sort it again when the table is sorted by tokens.
        table.setSortPolicy(t -> {
            sorted.setComparator(order(t, keys));
            return true;
        });
        vm.tokensCountedProperty().addListener(o -> {
            if (table.getSortOrder().contains(tokens)) {
                sorted.setComparator(order(table, keys));
            }
        });
        table.setItems(sorted);
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        var empty = new Label("No documents yet.\nDrop files or folders here, or use Add files… or Add folder…");
        empty.getStyleClass().add("empty-state");
        table.setPlaceholder(empty);
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> vm.selectedProperty().set(b));
        vm.selectedProperty().addListener((o, a, b) -> {
            if (b != null && table.getSelectionModel().getSelectedItem() != b) {
                table.getSelectionModel().clearAndSelect(sorted.indexOf(b));
            }
        });

        var search = new TextField();
        search.setId("document-filter");
        search.setPromptText("Filter by title, file or type");
        search.textProperty().bindBidirectional(vm.filterProperty());
        HBox.setHgrow(search, Priority.ALWAYS);
        var count = new Label();
        count.getStyleClass().add("text-muted");
        count.textProperty().bind(Bindings.createStringBinding(() -> vm.filteredDocuments().size()
                == vm.documents().size() ? Formats.counted(vm.documents().size(), "document")
                : Formats.count(vm.filteredDocuments().size()) + " of " + Formats.counted(vm.documents().size(),
                "document"), vm.filteredDocuments(), vm.documents()));
        var remove = new Button("Remove…");
        remove.setId("remove-documents");
        remove.disableProperty().bind(Bindings.isEmpty(table.getSelectionModel().getSelectedItems()));
        remove.setOnAction(e -> confirmRemove());
        var tools = new HBox(8, search, count, remove);
        tools.setAlignment(Pos.CENTER_LEFT);
        var left = new VBox(8, tools, table);
        VBox.setVgrow(table, Priority.ALWAYS);

        var reader = detail();
        reader.setMinWidth(READER_MIN_WIDTH);
        var split = new SplitPane(left, reader);
        split.setOrientation(Orientation.HORIZONTAL);
        // the table's fitted columns need about 500 px; what is left of its 70 % goes to Title
        split.setDividerPositions(0.7);
        var tab = countedTab("Documents", vm.documents());
        tab.setContent(padded(split));
        return tab;
    }

    private void confirmRemove() {
        var rows = List.copyOf(table.getSelectionModel().getSelectedItems());
        String what = rows.size() == 1 ? "“" + rows.getFirst().title() + "”" : Formats.counted(rows.size(), "document");
        if (Dialogs.confirm(window(), "Remove " + what + "?",
                "They are removed from corpus " + vm.corpusProperty().get()
                + ". Indexes built before keep them until rebuilt.", "Remove")) {
            vm.deleteDocuments(rows);
        }
    }

    private Region detail() {
        var title = new Label("Select a document to read it");
        title.getStyleClass().add("title-4");
        title.setWrapText(true);
        var meta = new Label();
        meta.getStyleClass().add("text-muted");
        meta.setWrapText(true);  // file name, type, counts and pages do not fit one line of the narrow reader
        meta.setMinHeight(Region.USE_PREF_SIZE);
        text.setEditable(false);
        text.setWrapText(true);
        text.setId("document-text");
        text.getStyleClass().add("document-text");
        var find = new TextField();
        find.setId("find-in-text");
        find.setPromptText("Find in text");
        HBox.setHgrow(find, Priority.ALWAYS);
        var matches = new Label();
        matches.getStyleClass().add("text-muted");
        matches.setMinWidth(Region.USE_PREF_SIZE);
        var next = new Button("Next");
        next.setMinWidth(Region.USE_PREF_SIZE);
        next.setOnAction(e -> findNext(find.getText(), matches));
        find.setOnAction(e -> findNext(find.getText(), matches));
        find.textProperty().addListener((o, a, b) -> {
            text.positionCaret(0);
            findNext(b, matches);
        });
        find.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                find.clear();
            }
        });
        var findRow = new HBox(8, find, matches, next);
        findRow.setAlignment(Pos.CENTER_LEFT);
        vm.selectedProperty().addListener((o, a, row) -> {
            meta.textProperty().unbind();
            if (row == null) {
                title.setText("Select a document to read it");
                meta.setText("");
                text.clear();
                return;
            }
            title.setText(row.title());
            // follows the token count, which the row gets in place when counted
            meta.textProperty().bind(Bindings.createStringBinding(() -> row.id() + "  ·  " + row.type() + "  ·  "
                    + Formats.counted(row.characters(), "character") + "  ·  "
                    + (row.tokens() == DocumentRow.UNCOUNTED ? "counting tokens…"
                       : Formats.counted(row.tokens(), "token"))
                    + (row.pages() > 0 ? "  ·  " + Formats.counted(row.pages(), "page") : ""), row.tokensProperty()));
            text.setText(row.document().text());
            text.positionCaret(0);
            text.setScrollTop(0);
            if (!find.getText().isBlank()) {
                findNext(find.getText(), matches);
            }
        });
        var box = new VBox(8, title, meta, findRow, text);
        VBox.setVgrow(text, Priority.ALWAYS);
        box.getStyleClass().add("detail-pane");
        return box;
    }

    private void findNext(String query, Label matches) {
        String body = text.getText();
        if (query == null || query.isBlank() || body.isEmpty()) {
            matches.setText("");
            return;
        }
        String hay = body.toLowerCase(Locale.ROOT);
        String needle = query.toLowerCase(Locale.ROOT);
        int count = 0;
        for (int i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + needle.length())) {
            count++;
        }
        if (count == 0) {
            matches.setText("No match");
            return;
        }
        int from = text.getSelection().getLength() > 0 ? text.getSelection().getEnd() : text.getCaretPosition();
        int at = hay.indexOf(needle, from);
        if (at < 0) {
            at = hay.indexOf(needle);
        }
        int index = 1;
        for (int i = hay.indexOf(needle); i >= 0 && i < at; i = hay.indexOf(needle, i + needle.length())) {
            index++;
        }
        matches.setText(index + " of " + Formats.counted(count, "match"));
        text.selectRange(at, at + needle.length());
    }

    // ---- failures, golden sets, indexes

    private Node failuresContent() {
        var failures = new TableView<>(vm.failures());
        failures.setId("failures");
        failures.getColumns().setAll(List.of(
                Tables.longText("File", ImportFailure::source, 240),
                Tables.longText("Reason", ImportFailure::reason, 320)));
        failures.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        Tables.sizeLongTextToRows(failures);
        failures.setPlaceholder(emptyState("Every file of this corpus was read."));
        var retry = new Button("Retry failed files");
        retry.setId("retry-failures");
        retry.disableProperty().bind(Bindings.isEmpty(vm.failures()));
        retry.setOnAction(e -> vm.retryFailures());
        var note = new Label("Retrying imports the corpus's folder again: unchanged files are skipped.");
        note.getStyleClass().add("text-muted");
        var tools = new HBox(12, retry, note);
        tools.setAlignment(Pos.CENTER_LEFT);
        return toolsAbove(tools, failures);
    }

    private Node goldenSetsContent() {
        var sets = new TableView<>(vm.goldenSets());
        sets.setId("golden-sets");
        sets.getColumns().setAll(List.of(
                Tables.longText("Name", EvalSet::name, 200),
                Tables.fitted(Tables.text("Format", g -> g.format().id().toUpperCase(Locale.ROOT), 0), "SQUAD", "RAGAS"),
                Tables.fitted(Tables.number("Queries", EvalSet::size, Formats::count, 0), "999,999"),
                Tables.fitted(Tables.number("Judged documents", EvalSet::judgedDocuments, Formats::count, 0),
                        "9,999,999"),
                Tables.fitted(Tables.number("Answer spans", EvalSet::answerSpans,
                        n -> n == 0 ? "–" : Formats.count(n), 0), "999,999")));
        sets.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        Tables.sizeLongTextToRows(sets);
        sets.setPlaceholder(emptyState("No eval set yet (golden sets: queries with judged documents or reference answers)."
                + " Import one in SQuAD, BEIR, TREC or Ragas format."));
        var squad = new Button("SQuAD file…");
        squad.setId("import-squad");
        squad.setTooltip(new Tooltip("Questions with answer spans in their contexts (SQuAD v1.1/v2.0, COVID-QA)"));
        squad.setOnAction(e -> chooseFile("Import a SQuAD-format eval set",
                new FileChooser.ExtensionFilter("SQuAD JSON", "*.json")).ifPresent(vm::importSquadGoldenSet));
        var beir = new Button("BEIR folder…");
        beir.setId("import-beir");
        beir.setTooltip(new Tooltip("A folder with queries.jsonl and qrels/<split>.tsv"));
        beir.setOnAction(e -> {
            var chooser = new DirectoryChooser();
            chooser.setTitle("Import a BEIR eval set (queries.jsonl and qrels/)");
            var d = chooser.showDialog(window());
            if (d != null) {
                vm.importBeirGoldenSet(d.toPath());
            }
        });
        var trec = new Button("TREC topics and qrels…");
        trec.setId("import-trec");
        trec.setTooltip(new Tooltip("Topics (qid<TAB>text, or JSONL) and a qrels file (qid 0 docid grade)"));
        trec.setOnAction(e -> chooseFile("Import TREC topics (1 of 2): the topics file",
                new FileChooser.ExtensionFilter("Topics (TSV, JSONL, text)", "*.tsv", "*.jsonl", "*.json", "*.txt"),
                new FileChooser.ExtensionFilter("All files", "*"))
                .ifPresent(topics -> chooseFile("Import TREC topics (2 of 2): the qrels for " + topics.getFileName(),
                        new FileChooser.ExtensionFilter("All files", "*"))
                        .ifPresent(qrels -> vm.importTrecGoldenSet(topics, qrels))));
        var ragas = new Button("Ragas file…");
        ragas.setId("import-ragas");
        ragas.setTooltip(new Tooltip("Questions with reference answers and contexts (JSONL or CSV); the documents of"
                + " the selected corpus that contain a context are the relevant ones"));
        ragas.setOnAction(e -> chooseFile("Import a Ragas eval set for corpus " + vm.corpusProperty().get(),
                new FileChooser.ExtensionFilter("Ragas JSONL or CSV", "*.jsonl", "*.csv"))
                .ifPresent(vm::importRagasGoldenSet));
        var importLabel = new Label("Import");
        importLabel.getStyleClass().add("text-muted");
        var remove = new Button("Remove…");
        remove.disableProperty().bind(sets.getSelectionModel().selectedItemProperty().isNull());
        remove.setOnAction(e -> {
            var set = sets.getSelectionModel().getSelectedItem();
            if (Dialogs.confirm(window(), "Remove eval set " + set.name() + "?",
                    "It is deleted from the workspace with all its versions; the original files stay.", "Remove")) {
                vm.deleteGoldenSet(set);
            }
        });
        var gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        var tools = new HBox(8, importLabel, squad, beir, trec, ragas, gap, remove);
        tools.setAlignment(Pos.CENTER_LEFT);
        return toolsAbove(tools, sets);
    }

    private Node indexesContent() {
        var indexes = new TableView<>(vm.indexes());
        indexes.setId("indexes");
        indexes.getColumns().setAll(List.of(
                // the names take the width the fitted columns leave; a cut name shows whole in its tooltip
                Tables.longText("Corpus", (IndexInfo i) -> i.settings().corpus(), 80),
                Tables.longText("Chunker", (IndexInfo i) -> i.settings().chunker(), 120),
                Tables.longText("Embedder", (IndexInfo i) -> i.settings().hasVectors() ? i.settings().embedder()
                        : "none (BM25 only)", 90),
                Tables.fitted(Tables.number("Documents", IndexInfo::documents, Formats::count, 0), "9,999,999"),
                Tables.fitted(Tables.number("Chunks", IndexInfo::chunks, Formats::count, 0), "99,999,999"),
                Tables.fitted(Tables.number("Size", IndexInfo::sizeBytes, Formats::bytes, 0), "1,023.9 MB"),
                Tables.fitted(Tables.formatted("Built", IndexInfo::builtAt, Formats::time, 0),
                        Formats.time(Instant.now()))));
        indexes.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        Tables.sizeLongTextToRows(indexes);
        indexes.setPlaceholder(emptyState("No index yet. Build one from the Chunking pane with “Apply to corpus”."));
        var rebuild = new Button("Rebuild");
        rebuild.disableProperty().bind(indexes.getSelectionModel().selectedItemProperty().isNull());
        rebuild.setOnAction(e -> vm.rebuildIndex(indexes.getSelectionModel().getSelectedItem()));
        var delete = new Button("Delete…");
        delete.disableProperty().bind(indexes.getSelectionModel().selectedItemProperty().isNull());
        delete.setOnAction(e -> {
            var index = indexes.getSelectionModel().getSelectedItem();
            if (Dialogs.confirm(window(), "Delete index " + index.name() + "?",
                    "Its files are deleted; the documents stay and it can be built again.", "Delete")) {
                vm.deleteIndex(index);
            }
        });
        var tools = new HBox(8, rebuild, delete);
        return toolsAbove(tools, indexes);
    }

    /** A back tab's content: its buttons above its table, which takes the height. */
    private static Node toolsAbove(HBox tools, TableView<?> table) {
        var box = new VBox(8, tools, table);
        VBox.setVgrow(table, Priority.ALWAYS);
        return padded(box);
    }

    /** A tab titled with how many {@code items} it lists, e.g. "Golden sets  2". */
    private static Tab countedTab(String title, ObservableList<?> items) {
        var tab = new Tab();
        tab.textProperty().bind(Bindings.createStringBinding(() -> title + "  " + Formats.count(items.size()), items));
        return tab;
    }

    /** {@link #countedTab} whose content is built when it is first selected. */
    private static Tab countedTab(String title, ObservableList<?> items, Supplier<Node> content) {
        var tab = countedTab(title, items);
        contentWhenSelected(tab, content);
        return tab;
    }

    /**
     * Builds a tab's content when the tab is first selected: a TabPane styles and lays out every tab's content,
     * shown or not, and the three tabs behind Documents cost the window's first frame about a tenth of a second.
     */
    private static void contentWhenSelected(Tab tab, Supplier<Node> content) {
        if (tab.isSelected()) {
            tab.setContent(content.get());
            return;
        }
        var firstSelection = new ChangeListener<Boolean>() {
            @Override
            public void changed(ObservableValue<? extends Boolean> o, Boolean before, Boolean now) {
                if (now) {
                    tab.selectedProperty().removeListener(this);
                    tab.setContent(content.get());
                }
            }
        };
        tab.selectedProperty().addListener(firstSelection);
    }

    /** The table's sort order over the rows' own values; a new comparator at each call. */
    private static Comparator<DocumentRow> order(TableView<DocumentRow> table,
                                                 Map<TableColumn<DocumentRow, ?>, Comparator<DocumentRow>> keys) {
        Comparator<DocumentRow> order = null;
        for (var column : table.getSortOrder()) {
            Comparator<DocumentRow> key = keys.get(column);
            if (key == null) {
                return table.getComparator();
            }
            if (column.getSortType() == TableColumn.SortType.DESCENDING) {
                key = key.reversed();
            }
            order = order == null ? key : order.thenComparing(key);
        }
        return order;
    }

    private static Node padded(Node node) {
        var box = new StackPane(node);
        box.setPadding(new Insets(12, 0, 0, 0));
        return box;
    }

    private static Label emptyState(String text) {
        var label = new Label(text);
        label.getStyleClass().add("empty-state");
        label.setWrapText(true);
        return label;
    }

    public TableView<DocumentRow> table() {
        return table;
    }

    public TabPane tabs() {
        return tabs;
    }
}
