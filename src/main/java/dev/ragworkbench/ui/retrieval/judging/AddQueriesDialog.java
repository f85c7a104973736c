package dev.ragworkbench.ui.retrieval.judging;

import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import java.util.Optional;

/** Asks for queries to add to an eval set: typed or pasted, one per line (or {@code id<TAB>text}). */
final class AddQueriesDialog {

    private AddQueriesDialog() {
    }

    static Optional<String> ask(Window owner, String evalSet) {
        var dialog = new Dialog<String>();
        dialog.initOwner(owner);
        dialog.setTitle("Add queries");
        dialog.setHeaderText("Add queries to " + evalSet);
        var text = new TextArea();
        text.setId("add-queries-text");
        text.setPromptText("one query per line; id<TAB>text to give an id");
        text.setPrefRowCount(10);
        text.setPrefColumnCount(60);
        var hint = new Label("Queries the set has already are left out. The set gets a new version; earlier versions"
                + " stay as they were.");
        hint.setWrapText(true);
        hint.getStyleClass().add(atlantafx.base.theme.Styles.TEXT_MUTED);
        dialog.getDialogPane().setContent(new VBox(8, text, hint));
        var add = new ButtonType("Add", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(add, ButtonType.CANCEL);
        dialog.getDialogPane().lookupButton(add).disableProperty().bind(text.textProperty().isEmpty());
        dialog.setResultConverter(b -> b == add ? text.getText() : null);
        return dialog.showAndWait();
    }
}
