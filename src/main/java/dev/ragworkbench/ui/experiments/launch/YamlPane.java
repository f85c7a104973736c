package dev.ragworkbench.ui.experiments.launch;

import atlantafx.base.theme.Styles;
import dev.ragworkbench.experiment.form.SpecCheck;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The spec's exact YAML, editable, and its problems as {@code run} prints them ({@code FILE:LINE:COLUMN: message});
 * choosing a problem selects the characters it is about in the text.
 */
final class YamlPane extends VBox {

    final TextArea text = new TextArea();
    final ListView<SpecCheck.Located> problems;

    YamlPane(LaunchViewModel vm) {
        super(8);
        text.setId("spec-yaml");
        text.getStyleClass().add("monospace");
        text.textProperty().bindBidirectional(vm.yaml());
        VBox.setVgrow(text, Priority.ALWAYS);
        problems = new ListView<>(vm.problems());
        problems.setId("spec-problems");
        problems.setPrefHeight(110);
        problems.getStyleClass().add(Styles.DENSE);
        problems.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(SpecCheck.Located item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null
                        : item.problem().line() + ":" + item.problem().column() + "  " + item.problem().message());
                setTooltip(empty || item == null ? null : new javafx.scene.control.Tooltip(item.text()));
                pseudoClassStateChanged(Styles.STATE_DANGER, !empty && item != null);
            }
        });
        problems.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> select(b));
        var summary = new Label();
        summary.textProperty().bind(Bindings.createStringBinding(() -> vm.problems().isEmpty()
                ? (vm.spec().get() == null ? "Checking…" : "No problems: this is the spec that runs.")
                : vm.problems().size() + (vm.problems().size() == 1 ? " problem" : " problems")
                        + " (as `run` reports them); choose one to select it in the text.",
                vm.problems(), vm.spec()));
        summary.getStyleClass().add(Styles.TEXT_SMALL);
        getChildren().addAll(text, summary, problems);
    }

    /** Selects the span of {@code located} in the text, so it shows where the problem is. */
    void select(SpecCheck.Located located) {
        if (located == null) {
            return;
        }
        int length = text.getLength();
        text.requestFocus();
        text.selectRange(Math.min(located.start(), length), Math.min(located.end(), length));
    }
}
