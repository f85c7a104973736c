package dev.ragworkbench.ui.importing;

import dev.ragworkbench.format.Formats;
import dev.ragworkbench.index.IndexInfo;
import dev.ragworkbench.ui.common.Dialogs;
import dev.ragworkbench.ui.common.Tables;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Tab;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;

import java.time.Instant;
import java.util.List;

/** The Indexes tab: each index with its settings and size, to rebuild or delete (as {@code indexes rebuild|delete}). */
final class IndexesTab {

    private final ImportViewModel vm;
    private final FilePicker files;

    IndexesTab(ImportViewModel vm, FilePicker files) {
        this.vm = vm;
        this.files = files;
    }

    Tab tab() {
        return ImportTabs.countedTab("Indexes", vm.indexes(), this::content);
    }

    private Node content() {
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
                Tables.fitted(Tables.number("Size", IndexInfo::sizeBytes, Formats::bytes, 0), "1,023.9 MiB"),
                Tables.fitted(Tables.formatted("Built", IndexInfo::builtAt, Formats::instant, 0),
                        Formats.instant(Instant.now()))));
        indexes.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        Tables.sizeLongTextToRows(indexes);
        indexes.setPlaceholder(ImportTabs.emptyState("No index yet. Build one from the Chunking pane with “Apply to corpus”."));
        var rebuild = new Button("Rebuild");
        rebuild.disableProperty().bind(indexes.getSelectionModel().selectedItemProperty().isNull());
        rebuild.setOnAction(e -> vm.rebuildIndex(indexes.getSelectionModel().getSelectedItem()));
        var delete = new Button("Delete…");
        delete.disableProperty().bind(indexes.getSelectionModel().selectedItemProperty().isNull());
        delete.setOnAction(e -> {
            var index = indexes.getSelectionModel().getSelectedItem();
            if (Dialogs.confirm(files.window(), "Delete index " + index.name() + "?",
                    "Its files are deleted; the documents stay and it can be built again.", "Delete")) {
                vm.deleteIndex(index);
            }
        });
        var tools = new HBox(8, rebuild, delete);
        return ImportTabs.toolsAbove(tools, indexes);
    }
}
