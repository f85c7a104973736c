package dev.ragworkbench.ui.shell;

import dev.ragworkbench.ui.tasks.RunningTask;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;

/** The bottom bar: the workspace on the left, each running task with its progress and a cancel button on the right. */
final class StatusBar extends HBox {

    private final HBox tasks = new HBox(16);
    private final Label idle = new Label("Ready");
    private final Label workspace = new Label();
    private final Label more = new Label();
    private final Map<RunningTask, Node> items = new HashMap<>();
    static final int MAX_SHOWN = 3;
    private static final double MESSAGE_WIDTH = 270;

    StatusBar(ObservableList<RunningTask> running) {
        getStyleClass().add("status-bar");
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(12);
        tasks.setAlignment(Pos.CENTER_RIGHT);
        workspace.getStyleClass().add("status-workspace");
        idle.getStyleClass().add("text-muted");
        more.getStyleClass().add("text-muted");
        var spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        getChildren().addAll(workspace, spacer, tasks);
        running.addListener((ListChangeListener<RunningTask>) c -> rebuild(running));
        rebuild(running);
    }

    void workspace(String text, String tooltip) {
        workspace.setText(text);
        workspace.setTooltip(new Tooltip(tooltip));
    }

    private void rebuild(ObservableList<RunningTask> running) {
        items.keySet().retainAll(running);
        if (running.isEmpty()) {
            tasks.getChildren().setAll(idle);
            return;
        }
        // The first few tasks only, each built once: a row per task for hundreds of tasks, rebuilt on every
        // change, took the FX thread seconds and the heap gigabytes.
        var shown = new ArrayList<Node>();
        for (RunningTask task : running.subList(0, Math.min(MAX_SHOWN, running.size()))) {
            shown.add(items.computeIfAbsent(task, StatusBar::item));
        }
        if (running.size() > MAX_SHOWN) {
            more.setText("+" + (running.size() - MAX_SHOWN) + " more");
            shown.add(more);
        }
        tasks.getChildren().setAll(shown);
    }

    private static Node item(RunningTask task) {
        var title = new Label(task.title());
        title.getStyleClass().add("task-title");
        var message = new Label();
        message.textProperty().bind(task.messageProperty());
        message.getStyleClass().add("text-muted");
        // A fixed width keeps the Cancel button still while the count grows ("Files 999 of 12,000"): a button
        // that moves under the pointer gets missed. Wide enough for "Chunking documents 12,000 of 12,000"; the
        // tooltip has the whole message if a stage name is longer.
        message.setMinWidth(MESSAGE_WIDTH);
        message.setPrefWidth(MESSAGE_WIDTH);
        message.setMaxWidth(MESSAGE_WIDTH);
        var fullMessage = new Tooltip();
        fullMessage.textProperty().bind(task.messageProperty());
        message.setTooltip(fullMessage);
        var bar = new ProgressBar();
        bar.progressProperty().bind(Bindings.createDoubleBinding(() -> {
            double p = task.progressProperty().get();
            return p < 0 ? ProgressBar.INDETERMINATE_PROGRESS : p;
        }, task.progressProperty()));
        bar.setPrefWidth(140);
        bar.setMinWidth(140);
        var cancel = new Button("Cancel");
        cancel.getStyleClass().addAll("small", "flat", "task-cancel");
        cancel.setOnAction(e -> {
            task.cancel();
            cancel.setDisable(true);  // the row stays, saying "Cancelling…", until the work has stopped
        });
        cancel.setTooltip(new Tooltip("Cancel " + task.title()));
        var box = new HBox(8, title, bar, message, cancel);
        box.setAlignment(Pos.CENTER_LEFT);
        box.getStyleClass().add("task-item");
        return box;
    }
}
