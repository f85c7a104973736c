package dev.ragworkbench.ui.importing;

import dev.ragworkbench.format.Formats;
import dev.ragworkbench.ui.common.Dialogs;
import dev.ragworkbench.ui.common.Tables;
import javafx.beans.binding.Bindings;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The Documents tab: the selected corpus's documents, filtered and sorted, beside a reader with find. */
final class DocumentsTab {

    /** Title shows at least this much: in the narrowest window the table scrolls sideways instead. */
    private static final double TITLE_MIN_WIDTH = 120;
    private static final double READER_MIN_WIDTH = 180;

    private final ImportViewModel vm;
    private final FilePicker files;
    private final TableView<DocumentRow> table = new TableView<>();
    private final TextArea text = new TextArea();

    DocumentsTab(ImportViewModel vm, FilePicker files) {
        this.vm = vm;
        this.files = files;
    }

    Tab tab() {
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
        var imported = Tables.fitted(Tables.shown("Imported", DocumentRow::importedShown), Formats.instant(Instant.now()));
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
            sorted.setComparator(ImportTabs.order(t, keys));
            return true;
        });
        vm.tokensCountedProperty().addListener(o -> {
            if (table.getSortOrder().contains(tokens)) {
                sorted.setComparator(ImportTabs.order(table, keys));
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
        var tab = ImportTabs.countedTab("Documents", vm.documents());
        tab.setContent(ImportTabs.padded(split));
        return tab;
    }

    private void confirmRemove() {
        var rows = List.copyOf(table.getSelectionModel().getSelectedItems());
        String what = rows.size() == 1 ? "“" + rows.getFirst().title() + "”" : Formats.counted(rows.size(), "document");
        if (Dialogs.confirm(files.window(), "Remove " + what + "?",
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

    TableView<DocumentRow> table() {
        return table;
    }
}
