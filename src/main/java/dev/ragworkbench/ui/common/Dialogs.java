package dev.ragworkbench.ui.common;

import dev.ragworkbench.format.Errors;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import java.io.PrintWriter;
import java.io.StringWriter;

/** The app's dialogs: readable errors with the details folded away, and confirmations. */
public final class Dialogs {

    private Dialogs() {
    }

    /** An error: the task's title, one plain sentence, and the stack trace under "Show details". */
    public static void showError(Window owner, String title, Throwable error) {
        var alert = new Alert(Alert.AlertType.ERROR);
        alert.initOwner(owner);
        alert.setTitle("RAG Workbench");
        alert.setHeaderText(title + " failed");
        var message = new Label(Errors.standalone(error));
        message.setWrapText(true);
        message.setMaxWidth(480);
        alert.getDialogPane().setContent(new VBox(message));
        var trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        var details = new TextArea(trace.toString());
        details.setEditable(false);
        details.setPrefRowCount(14);
        details.getStyleClass().add("monospace");
        alert.getDialogPane().setExpandableContent(details);
        alert.show();
    }

    /** Asks before something that cannot be undone; true when the user confirmed. */
    public static boolean confirm(Window owner, String header, String text, String action) {
        var alert = new Alert(Alert.AlertType.CONFIRMATION);
        alert.initOwner(owner);
        alert.setTitle("RAG Workbench");
        alert.setHeaderText(header);
        alert.setContentText(text);
        var ok = new ButtonType(action, ButtonBar.ButtonData.OK_DONE);
        alert.getButtonTypes().setAll(ButtonType.CANCEL, ok);
        return alert.showAndWait().filter(ok::equals).isPresent();
    }
}
