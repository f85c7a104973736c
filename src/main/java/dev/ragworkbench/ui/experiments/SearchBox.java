package dev.ragworkbench.ui.experiments;

import atlantafx.base.theme.Styles;
import dev.ragworkbench.experiment.history.SearchError;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The search field of the history, in the search language, and under it, when the query cannot be read, the
 * query again with the offending part marked and the reason beside it. Submitting selects the bad part in the
 * field too, so typing over it replaces just that.
 */
final class SearchBox extends VBox {

    private final TextField field = new TextField();
    private final HBox marker = new HBox();
    private final Label reason = new Label();

    SearchBox(HistoryViewModel vm) {
        field.setId("history-search");
        field.setPromptText("metrics.ndcg@10 > 0.65 and (params.retrieval.kind = 'hybrid-rrf' or tags.dataset = 'scifact')");
        field.setTooltip(new Tooltip("""
                and, or, not, parentheses; = != < <= > >= like (% any text, case ignored)
                keys: metrics.NAME, params.KEY, tags.KEY, status, name, experiment, start (ISO-8601 date)
                `backticks` around a key with other characters; 'quoted' or "quoted" text"""));
        field.textProperty().bindBidirectional(vm.queryProperty());
        field.setOnAction(e -> {
            vm.search();
            select(vm.searchErrorProperty().get());
        });
        HBox.setHgrow(field, Priority.ALWAYS);
        marker.setId("history-search-marker");
        marker.setAlignment(Pos.CENTER_LEFT);
        reason.setId("history-search-error");
        reason.getStyleClass().add(Styles.DANGER);
        var errorLine = new HBox(12, marker, reason);
        errorLine.setAlignment(Pos.CENTER_LEFT);
        errorLine.visibleProperty().bind(vm.searchErrorProperty().isNotNull());
        errorLine.managedProperty().bind(errorLine.visibleProperty());
        getChildren().addAll(field, errorLine);
        setSpacing(4);
        vm.searchErrorProperty().addListener((o, was, error) -> show(error));
    }

    TextField field() {
        return field;
    }

    private void show(SearchError error) {
        field.pseudoClassStateChanged(Styles.STATE_DANGER, error != null);
        marker.getChildren().clear();
        if (error == null) {
            reason.setText("");
            return;
        }
        String q = field.getText() == null ? "" : field.getText();
        int from = Math.min(error.offset(), q.length());
        int to = Math.min(error.offset() + error.length(), q.length());
        var before = new Label(q.substring(0, from));
        // past the end (a missing value): a marked blank shows where it is missing
        var bad = new Label(from == to ? "\u2003" : q.substring(from, to));
        bad.setId("history-search-bad-part");
        bad.getStyleClass().addAll(Styles.DANGER, Styles.TEXT_BOLD, Styles.TEXT_UNDERLINED);
        var after = new Label(q.substring(to));
        for (var l : new Label[]{before, bad, after}) {
            l.getStyleClass().add("monospace");
            l.setMinWidth(Label.USE_PREF_SIZE);
        }
        marker.getChildren().addAll(before, bad, after);
        reason.setText("column " + error.column() + ": " + error.reason());
    }

    private void select(SearchError error) {
        if (error != null && field.getText() != null) {
            int from = Math.min(error.offset(), field.getText().length());
            field.selectRange(from, Math.min(from + error.length(), field.getText().length()));
        }
    }
}
