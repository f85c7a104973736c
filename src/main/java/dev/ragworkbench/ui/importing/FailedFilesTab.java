package dev.ragworkbench.ui.importing;

import dev.ragworkbench.ingest.ImportFailure;
import dev.ragworkbench.ui.common.Tables;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;

import java.io.File;
import java.util.List;

/** The Failed files tab: what could not be read, and why, with a retry. */
final class FailedFilesTab {

    private final ImportViewModel vm;

    FailedFilesTab(ImportViewModel vm) {
        this.vm = vm;
    }

    Tab tab() {
        return ImportTabs.countedTab("Failed files", vm.failures(), this::content);
    }

    private Node content() {
        var failures = new TableView<>(vm.failures());
        failures.setId("failures");
        failures.getColumns().setAll(List.of(
                Tables.longText("File", ImportFailure::source, 240),
                Tables.longText("Reason", ImportFailure::reason, 320)));
        failures.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        Tables.sizeLongTextToRows(failures);
        failures.setPlaceholder(ImportTabs.emptyState("Every file of this corpus was read."));
        var retry = new Button("Retry failed files");
        retry.setId("retry-failures");
        retry.disableProperty().bind(Bindings.isEmpty(vm.failures()));
        retry.setOnAction(e -> vm.retryFailures());
        var note = new Label("Retrying imports the corpus's folder again: unchanged files are skipped.");
        note.getStyleClass().add("text-muted");
        var tools = new HBox(12, retry, note);
        tools.setAlignment(Pos.CENTER_LEFT);
        return ImportTabs.toolsAbove(tools, failures);
    }
}
