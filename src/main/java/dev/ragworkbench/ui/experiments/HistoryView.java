package dev.ragworkbench.ui.experiments;

import atlantafx.base.theme.Styles;
import dev.ragworkbench.experiment.store.ExperimentSummary;
import dev.ragworkbench.experiment.store.HistoryColumns;
import dev.ragworkbench.experiment.store.Run;
import dev.ragworkbench.experiment.store.RunField;
import dev.ragworkbench.format.Formats;
import dev.ragworkbench.ui.common.Debouncer;
import dev.ragworkbench.ui.common.Dialogs;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The history: the experiment chooser, the search in the language and a free-text filter, grouping and the column
 * chooser above; the table; paging and the commands on the selected runs below.
 */
final class HistoryView extends BorderPane {

    private final HistoryViewModel vm;
    private final HistoryTable table;
    private final SearchBox search;
    private Consumer<String> onOpen = id -> { };

    HistoryView(HistoryViewModel vm) {
        this.vm = vm;
        this.table = new HistoryTable(vm);
        this.search = new SearchBox(vm);
        setTop(top());
        setCenter(table);
        setBottom(bottom());
        BorderPane.setMargin(table, new Insets(8, 0, 8, 0));
        table.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                openSelected();
            }
        });
        table.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                openSelected();
            } else if (e.getCode() == KeyCode.DELETE) {
                deleteSelected();
            }
        });
    }

    HistoryTable table() {
        return table;
    }

    SearchBox searchBox() {
        return search;
    }

    /** Where opening a run (double click, Enter, "Open") goes: the page shows its run view. */
    void setOnOpen(Consumer<String> action) {
        onOpen = action;
    }

    private VBox top() {
        var experiment = new ComboBox<ExperimentSummary>();
        experiment.setId("history-experiment");
        experiment.setPromptText("All experiments");
        experiment.setConverter(new StringConverter<>() {
            @Override
            public String toString(ExperimentSummary e) {
                return e == null || e.name() == null ? "All experiments" : e.name() + " (" + Formats.count(e.runs()) + ")";
            }

            @Override
            public ExperimentSummary fromString(String s) {
                return null;
            }
        });
        var all = new ExperimentSummary(-1, null, 0, 0, 0, 0, null);
        vm.experiments().addListener((ListChangeListener<ExperimentSummary>) c -> {
            String chosen = vm.experimentProperty().get();
            experiment.getItems().setAll(all);
            experiment.getItems().addAll(vm.experiments());
            experiment.getItems().stream().filter(e -> java.util.Objects.equals(e.name(), chosen)).findFirst()
                    .ifPresent(experiment::setValue);
        });
        experiment.valueProperty().addListener((o, a, e) -> {
            if (e != null) {
                vm.showExperiment(e.name());
            }
        });

        var freeText = new TextField();
        freeText.setId("history-free-text");
        freeText.setPromptText("Filter text");
        freeText.setTooltip(new Tooltip("Runs whose id, name, experiment, or a param or tag, contains this text"));
        freeText.setPrefColumnCount(14);
        freeText.textProperty().bindBidirectional(vm.freeTextProperty());
        Debouncer typing = Debouncer.fx(250);
        freeText.textProperty().addListener((o, a, b) -> typing.request(vm::search));

        var group = new ToggleButton("Group by experiment");
        group.setId("history-group");
        group.selectedProperty().addListener((o, a, on) -> vm.setGrouped(on));

        var columns = new MenuButton("Columns");
        columns.setId("history-columns");
        columns.setOnShowing(e -> fillColumnMenu(columns));

        var row = new HBox(8, experiment, freeText, group, columns);
        row.setAlignment(Pos.CENTER_LEFT);
        var searchRow = new HBox(8, new Label("Search"), search);
        searchRow.setAlignment(Pos.TOP_LEFT);
        HBox.setHgrow(search, Priority.ALWAYS);
        searchRow.getChildren().getFirst().getStyleClass().add(Styles.TEXT_BOLD);
        ((Label) searchRow.getChildren().getFirst()).setPadding(new Insets(6, 0, 0, 0));
        return new VBox(8, row, searchRow);
    }

    private void fillColumnMenu(MenuButton menu) {
        HistoryColumns available = vm.availableProperty().get();
        ColumnChoice chosen = vm.columnsProperty().get();
        menu.getItems().clear();
        var metricsHeader = new CheckMenuItem("Metrics");
        metricsHeader.setDisable(true);
        menu.getItems().add(metricsHeader);
        for (String m : available.metrics()) {
            menu.getItems().add(item(RunField.Kind.METRIC, m, chosen.metrics().contains(m)));
        }
        menu.getItems().add(new SeparatorMenuItem());
        var paramsHeader = new CheckMenuItem("Params");
        paramsHeader.setDisable(true);
        menu.getItems().add(paramsHeader);
        for (String p : available.params()) {
            menu.getItems().add(item(RunField.Kind.PARAM, p, chosen.params().contains(p)));
        }
    }

    private CheckMenuItem item(RunField.Kind kind, String key, boolean on) {
        var item = new CheckMenuItem(key);
        item.setId("column-" + kind.name().toLowerCase(Locale.ROOT) + "-" + key);
        item.setSelected(on);
        item.selectedProperty().addListener((o, a, b) -> vm.showColumn(kind, key, b));
        return item;
    }

    private HBox bottom() {
        var previous = new Button("‹ Previous");
        previous.setId("history-previous");
        previous.setOnAction(e -> vm.previousPage());
        previous.disableProperty().bind(vm.offsetProperty().isEqualTo(0));
        var next = new Button("Next ›");
        next.setId("history-next");
        next.setOnAction(e -> vm.nextPage());
        var range = new Label();
        range.setId("history-range");
        Runnable showRange = () -> {
            long total = vm.totalProperty().get();
            int from = vm.offsetProperty().get();
            int shown = (int) vm.rows().stream().filter(r -> !r.isGroup()).count();
            range.setText(total == 0 ? vm.messageProperty().get()
                    : String.format(Locale.ROOT, "%,d–%,d of %,d runs", from + 1, from + shown, total));
            next.setDisable(from + shown >= total);
        };
        vm.shownProperty().addListener((o, a, b) -> showRange.run());
        vm.messageProperty().addListener((o, a, b) -> showRange.run());

        var open = new Button("Open");
        open.setId("history-open");
        open.setOnAction(e -> openSelected());
        var baseline = new Button("Mark as baseline");
        baseline.setId("history-baseline");
        baseline.setTooltip(new Tooltip("The experiment's other runs then show their deltas to this one"));
        baseline.setOnAction(e -> table.selectedRuns().stream().findFirst().ifPresent(r -> vm.markBaseline(r.id())));
        var compare = new Button("Compare");
        compare.setId("history-compare");
        compare.getStyleClass().add(Styles.ACCENT);
        compare.setOnAction(e -> vm.compare(table.selectedRuns().stream().map(Run::id).toList()));
        var delete = new Button("Delete…");
        delete.setId("history-delete");
        delete.getStyleClass().add(Styles.DANGER);
        delete.setOnAction(e -> deleteSelected());

        Runnable enable = () -> {
            int n = table.selectedRuns().size();
            open.setDisable(n != 1);
            baseline.setDisable(n != 1 || table.selectedRuns().getFirst().experiment() == null);
            compare.setDisable(n < 2);
            delete.setDisable(n == 0);
        };
        table.getSelectionModel().getSelectedItems().addListener((ListChangeListener<HistoryRow>) c -> enable.run());
        enable.run();

        var spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        var bar = new HBox(8, previous, range, next, spacer, open, baseline, compare, delete);
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private void openSelected() {
        var runs = table.selectedRuns();
        if (runs.size() == 1) {
            onOpen.accept(runs.getFirst().id());
        }
    }

    private void deleteSelected() {
        List<Run> runs = table.selectedRuns();
        if (runs.isEmpty()) {
            return;
        }
        String what = runs.size() == 1 ? "run " + runs.getFirst().name() : runs.size() + " runs";
        if (Dialogs.confirm(getScene() == null ? null : getScene().getWindow(), "Delete " + what + "?",
                "Its metrics, per-query results and artifacts are deleted for good.", "Delete")) {
            vm.delete(runs.stream().map(Run::id).toList());
        }
    }
}
