package dev.ragworkbench.ui.experiments;

import atlantafx.base.theme.Styles;
import dev.ragworkbench.experiment.store.Run;
import dev.ragworkbench.experiment.store.RunStatus;
import dev.ragworkbench.format.Formats;
import dev.ragworkbench.ui.common.Dialogs;
import dev.ragworkbench.ui.common.Tables;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One run's page: a header with its status and commands, then tabs for its numbers, queries, files and notes. */
final class RunView extends BorderPane {

    private final RunViewModel vm;
    private final Label title = new Label();
    private final Label facts = new Label();
    private final Label status = new Label();
    private final Label error = new Label();
    private final TableView<Map.Entry<String, String>> params = new TableView<>();
    private final TableView<Map.Entry<String, Double>> metrics = new TableView<>();
    private final TableView<RunDetails.QueryRow> queries = new TableView<>();
    private final FilteredList<RunDetails.QueryRow> shownQueries =
            new FilteredList<>(FXCollections.observableArrayList());
    private final ListView<String> artifacts = new ListView<>();
    private final TextArea artifactText = new TextArea();
    private final TextArea spec = new TextArea();
    private final TableView<Map.Entry<String, String>> tags = new TableView<>();
    private final TextArea note = new TextArea();
    private Runnable onBack = () -> { };

    RunView(RunViewModel vm) {
        this.vm = vm;
        setId("run-view");
        setTop(header());
        var tabs = new TabPane(new Tab("Summary", summary()), new Tab("Per query", perQuery()),
                new Tab("Artifacts", artifactsPane()), new Tab("Spec", spec), new Tab("Tags and note", tagsAndNote()));
        tabs.setId("run-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        setCenter(tabs);
        spec.setEditable(false);
        spec.getStyleClass().add("monospace");
        vm.detailsProperty().addListener((o, a, d) -> show(d));
    }

    void setOnBack(Runnable action) {
        onBack = action;
    }

    private VBox header() {
        title.setId("run-title");
        title.getStyleClass().add(Styles.TITLE_3);
        status.setId("run-status");
        facts.getStyleClass().add(Styles.TEXT_MUTED);
        error.setId("run-error");
        error.getStyleClass().add(Styles.DANGER);
        error.setWrapText(true);
        error.managedProperty().bind(error.visibleProperty());
        var back = new Button("‹ History");
        back.setId("run-back");
        back.setOnAction(e -> onBack.run());
        var baseline = new Button("Mark as baseline");
        baseline.setId("run-baseline");
        baseline.setOnAction(e -> vm.markBaseline());
        var delete = new Button("Delete…");
        delete.setId("run-delete");
        delete.getStyleClass().add(Styles.DANGER);
        delete.setOnAction(e -> {
            Run r = vm.detailsProperty().get().run();
            if (Dialogs.confirm(getScene().getWindow(), "Delete run " + r.name() + "?",
                    "Its metrics, per-query results and artifacts are deleted for good.", "Delete")) {
                vm.delete(onBack);
            }
        });
        vm.detailsProperty().addListener((o, a, d) -> baseline.setDisable(d == null || d.baseline()
                || d.run().experiment() == null));
        var message = new Label();
        message.textProperty().bind(vm.messageProperty());
        message.getStyleClass().add(Styles.TEXT_MUTED);
        var spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        var row = new HBox(12, back, title, status, spacer, message, baseline, delete);
        row.setAlignment(Pos.CENTER_LEFT);
        var box = new VBox(6, row, facts, error);
        box.setPadding(new Insets(0, 0, 8, 0));
        return box;
    }

    private HBox summary() {
        params.getColumns().setAll(List.of(entryText("Param", Map.Entry::getKey, 220), entryText("Value", Map.Entry::getValue, 260)));
        params.setId("run-params");
        var value = Tables.metric("Value", Map.Entry<String, Double>::getValue);
        metrics.getColumns().setAll(List.of(entryText("Metric", Map.Entry::getKey, 160), value));
        metrics.setId("run-metrics");
        var box = new HBox(12, titled("Params", params), titled("Metrics", metrics));
        HBox.setHgrow(box.getChildren().get(0), Priority.ALWAYS);
        HBox.setHgrow(box.getChildren().get(1), Priority.ALWAYS);
        box.setPadding(new Insets(8));
        return box;
    }

    private VBox perQuery() {
        var filter = new TextField();
        filter.setId("run-query-filter");
        filter.setPromptText("Filter queries by id");
        filter.textProperty().addListener((o, a, t) -> {
            String needle = t == null ? "" : t.strip().toLowerCase(Locale.ROOT);
            shownQueries.setPredicate(q -> needle.isEmpty() || q.queryId().toLowerCase(Locale.ROOT).contains(needle));
        });
        var sorted = new SortedList<>(shownQueries);
        sorted.comparatorProperty().bind(queries.comparatorProperty());
        queries.setItems(sorted);
        queries.setId("run-queries");
        queries.getStyleClass().add(Styles.DENSE);
        var box = new VBox(8, filter, queries);
        VBox.setVgrow(queries, Priority.ALWAYS);
        box.setPadding(new Insets(8));
        return box;
    }

    private VBox artifactsPane() {
        artifacts.setId("run-artifacts");
        artifacts.setPrefHeight(140);
        artifactText.setId("run-artifact-text");
        artifactText.setEditable(false);
        artifactText.getStyleClass().add("monospace");
        var open = new Button("Open");
        open.setId("run-artifact-open");
        open.setOnAction(e -> {
            String a = artifacts.getSelectionModel().getSelectedItem();
            if (a != null) {
                vm.readText(a, artifactText::setText);
            }
        });
        var save = new Button("Save…");
        save.setId("run-artifact-save");
        save.setOnAction(e -> {
            String a = artifacts.getSelectionModel().getSelectedItem();
            if (a == null) {
                return;
            }
            var chooser = new FileChooser();
            chooser.setInitialFileName(a.contains("/") ? a.substring(a.lastIndexOf('/') + 1) : a);
            var target = chooser.showSaveDialog(getScene().getWindow());
            if (target != null) {
                vm.saveArtifact(a, target.toPath());
            }
        });
        open.disableProperty().bind(artifacts.getSelectionModel().selectedItemProperty().isNull());
        save.disableProperty().bind(open.disableProperty());
        artifacts.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                open.fire();
            }
        });
        var box = new VBox(8, artifacts, new HBox(8, open, save), artifactText);
        VBox.setVgrow(artifactText, Priority.ALWAYS);
        box.setPadding(new Insets(8));
        return box;
    }

    private VBox tagsAndNote() {
        tags.setId("run-tags");
        tags.getColumns().setAll(List.of(entryText("Tag", Map.Entry::getKey, 160), entryText("Value", Map.Entry::getValue, 240)));
        tags.setPrefHeight(160);
        var key = new TextField();
        key.setId("run-tag-key");
        key.setPromptText("key");
        var value = new TextField();
        value.setId("run-tag-value");
        value.setPromptText("value");
        var set = new Button("Set tag");
        set.setId("run-tag-set");
        set.setOnAction(e -> {
            if (!key.getText().isBlank()) {
                vm.setTag(key.getText(), value.getText());
                key.clear();
                value.clear();
            }
        });
        var remove = new Button("Remove tag");
        remove.setOnAction(e -> {
            var chosen = tags.getSelectionModel().getSelectedItem();
            if (chosen != null) {
                vm.removeTag(chosen.getKey());
            }
        });
        note.setId("run-note");
        note.setPromptText("Why this run was started, what went wrong, what to try next…");
        note.setPrefRowCount(5);
        note.setWrapText(true);
        var saveNote = new Button("Save note");
        saveNote.setId("run-note-save");
        saveNote.setOnAction(e -> vm.saveNote(note.getText()));
        var box = new VBox(8, titled("Tags", tags), new HBox(8, key, value, set, remove), titled("Note", note), saveNote);
        box.setPadding(new Insets(8));
        return box;
    }

    private void show(RunDetails d) {
        if (d == null) {
            return;
        }
        Run r = d.run();
        title.setText(r.name());
        status.setText(r.status().id() + (d.baseline() ? " · baseline" : ""));
        status.getStyleClass().removeAll(Styles.SUCCESS, Styles.DANGER, Styles.WARNING);
        status.getStyleClass().add(r.status() == RunStatus.FINISHED ? Styles.SUCCESS
                : r.status() == RunStatus.FAILED ? Styles.DANGER : Styles.WARNING);
        facts.setText(r.id() + "  ·  " + (r.experiment() == null ? "no experiment" : "experiment " + r.experiment())
                + "  ·  started " + Formats.instant(r.startedAt()) + "  ·  took " + Formats.duration(r.duration())
                + "  ·  code " + r.codeVersion()
                + (d.failures().isEmpty() ? "" : "  ·  " + Formats.counted(d.failures().size(), "item") + " not scored"));
        error.setText(r.statusReason() == null ? "" : (r.status() == RunStatus.FAILED ? "Failed: " : "") + r.statusReason());
        error.setVisible(r.statusReason() != null);
        params.getItems().setAll(r.params().entrySet());
        metrics.getItems().setAll(r.metrics().entrySet());
        var cols = new java.util.ArrayList<TableColumn<RunDetails.QueryRow, ?>>();
        cols.add(Tables.text("Query", RunDetails.QueryRow::queryId, 160));
        for (String m : d.queryMetrics()) {
            cols.add(Tables.metric(m, q -> q.values().get(m)));
        }
        queries.getColumns().setAll(cols);
        ((javafx.collections.ObservableList<RunDetails.QueryRow>) shownQueries.getSource()).setAll(d.queries());
        artifacts.getItems().setAll(d.artifactFiles().keySet());
        artifactText.clear();
        spec.setText(d.spec() == null ? "(a lone run: no spec)" : d.spec());
        tags.getItems().setAll(r.tags().entrySet());
        note.setText(RunViewModel.noteOf(r));
    }

    private static <T> TableColumn<Map.Entry<String, T>, String> entryText(
            String title, java.util.function.Function<Map.Entry<String, T>, String> value, double width) {
        var col = new TableColumn<Map.Entry<String, T>, String>(title);
        col.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        col.setPrefWidth(width);
        return col;
    }

    private static VBox titled(String text, javafx.scene.Node content) {
        var label = new Label(text);
        label.getStyleClass().add(Styles.TEXT_BOLD);
        var box = new VBox(4, label, content);
        VBox.setVgrow(content, Priority.ALWAYS);
        return box;
    }
}
