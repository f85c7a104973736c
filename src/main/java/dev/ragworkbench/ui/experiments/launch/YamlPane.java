package dev.ragworkbench.ui.experiments.launch;

import atlantafx.base.theme.Styles;
import dev.ragworkbench.experiment.form.SpecCheck;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.Node;
import javafx.scene.control.TextArea;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
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
                setText(null);
                setGraphic(empty || item == null ? null : problem(item, vm.yaml().get()));
                setTooltip(empty || item == null ? null : new javafx.scene.control.Tooltip(item.text()));
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

    /**
     * The problem's message over its source line with the offending span underlined, at its line and column:
     * a TextArea cannot underline, so the list shows each problem in place.
     */
    static Node problem(SpecCheck.Located item, String yaml) {
        var message = new Label(item.problem().line() + ":" + item.problem().column() + "  " + item.problem().message());
        message.getStyleClass().add(Styles.DANGER);
        message.setWrapText(true);
        int lineStart = yaml.lastIndexOf('\n', Math.max(0, Math.min(item.start(), yaml.length()) - 1)) + 1;
        if (item.start() == 0) {
            lineStart = 0;
        }
        int lineEnd = yaml.indexOf('\n', Math.min(item.start(), yaml.length()));
        lineEnd = lineEnd < 0 ? yaml.length() : lineEnd;
        int start = Math.min(Math.max(item.start(), lineStart), lineEnd);
        int end = Math.min(Math.max(item.end(), start), lineEnd);
        var before = new Text(yaml.substring(lineStart, start));
        var span = new Text(yaml.substring(start, end));
        span.setUnderline(true);
        span.getStyleClass().add("problem-span");
        var after = new Text(yaml.substring(end, lineEnd));
        var source = new TextFlow(before, span, after);
        source.getStyleClass().add("problem-source");
        return new VBox(2, message, source);
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
