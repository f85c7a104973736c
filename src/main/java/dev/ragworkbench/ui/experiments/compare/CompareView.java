package dev.ragworkbench.ui.experiments.compare;

import atlantafx.base.theme.Styles;
import dev.ragworkbench.experiment.compare.RunsComparison;
import dev.ragworkbench.experiment.store.Run;
import dev.ragworkbench.format.Formats;
import dev.ragworkbench.ui.common.Tables;
import dev.ragworkbench.ui.shell.QueryRequest;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The Compare view: runs to pick on the left; on the right the params side by side, the metrics with their
 * deltas, intervals and p-values, the charts, and the flipped queries (each opening in the Retrieval pane).
 */
public final class CompareView extends SplitPane {

    /** One metric of one run against the first, as the metrics table lists it. */
    record MetricRow(String metric, String run, String value, String delta, String ci, String p) {
    }

    private final CompareViewModel vm;
    final ListView<Run> runs;
    final TableView<RunsComparison.ParamRow> params = new TableView<>();
    final TableView<MetricRow> metrics = new TableView<>();
    final ListView<CompareViewModel.Flip> flips;
    final ChartsPane charts;
    final TabPane tabs = new TabPane();

    public CompareView(CompareViewModel vm, Consumer<QueryRequest> openQuery) {
        this.vm = vm;
        runs = new ListView<>(vm.recentRuns());
        runs.setId("compare-runs");
        runs.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        runs.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Run run, boolean empty) {
                super.updateItem(run, empty);
                setText(empty || run == null ? null : run.name() + "\n" + run.id() + " · " + run.experiment());
            }
        });
        VBox.setVgrow(runs, Priority.ALWAYS);
        var compare = new Button("Compare selected");
        compare.setId("compare-selected");
        compare.getStyleClass().add(Styles.ACCENT);
        compare.disableProperty().bind(javafx.beans.binding.Bindings.size(runs.getSelectionModel()
                .getSelectedItems()).lessThan(2));
        compare.setOnAction(e -> vm.compare(runs.getSelectionModel().getSelectedItems().stream().map(Run::id).toList()));
        var refresh = new Button("Refresh");
        refresh.setOnAction(e -> vm.refreshRuns());
        var pickTitle = new Label("Runs (the first chosen is the reference)");
        pickTitle.getStyleClass().add(Styles.TEXT_BOLD);
        pickTitle.setWrapText(true);
        var left = new VBox(8, pickTitle, runs, new HBox(8, compare, refresh));
        left.setPadding(new Insets(0, 8, 0, 0));
        left.setMinWidth(220);

        var status = new Label();
        status.setId("compare-status");
        status.setWrapText(true);
        status.textProperty().bind(vm.status());
        flips = new ListView<>(vm.flips());
        flips.setId("compare-flips");
        charts = new ChartsPane(vm);
        tabs.getTabs().addAll(new Tab("Params", paramsPane()), new Tab("Metrics", metrics),
                new Tab("Charts", charts), new Tab("Flipped queries", flipsPane(openQuery)));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        VBox.setVgrow(tabs, Priority.ALWAYS);
        var right = new VBox(8, status, tabs);
        right.setPadding(new Insets(0, 0, 0, 8));
        getItems().addAll(left, right);
        setOrientation(Orientation.HORIZONTAL);
        setDividerPositions(0.24);

        metrics.setId("compare-metrics");
        metrics.getColumns().addAll(List.of(Tables.text("metric", MetricRow::metric, 110),
                Tables.text("run", MetricRow::run, 220),
                Tables.numeric(Tables.text("value", MetricRow::value, 80)),
                Tables.numeric(Tables.text("Δ vs first", MetricRow::delta, 90)),
                Tables.numeric(Tables.text("95 % CI", MetricRow::ci, 140)),
                Tables.numeric(Tables.text("p", MetricRow::p, 70))));
        metrics.setPlaceholder(new Label("No comparison yet."));
        vm.comparison().addListener((o, a, c) -> show(c));
        vm.differencesOnly().addListener((o, a, b) -> showParams(vm.comparison().get()));
    }

    private Node paramsPane() {
        params.setId("compare-params");
        params.setPlaceholder(new Label("No comparison yet."));
        var only = new CheckBox("Differences only");
        only.setId("differences-only");
        only.selectedProperty().bindBidirectional(vm.differencesOnly());
        VBox.setVgrow(params, Priority.ALWAYS);
        return new VBox(8, only, params);
    }

    private Node flipsPane(Consumer<QueryRequest> openQuery) {
        var metric = new ChoiceBox<String>();
        metric.setId("flip-metric");
        metric.valueProperty().bindBidirectional(vm.flipMetric());
        var other = otherRunChoice(vm);
        vm.comparison().addListener((o, a, c) -> metric.getItems().setAll(c == null ? List.of() : c.passFailMetrics()));
        var open = new Button("Open in Retrieval");
        open.setId("open-flip");
        open.disableProperty().bind(flips.getSelectionModel().selectedItemProperty().isNull());
        Runnable opening = () -> {
            var flip = flips.getSelectionModel().getSelectedItem();
            if (flip != null) {
                vm.request(flip).ifPresent(openQuery);
            }
        };
        open.setOnAction(e -> opening.run());
        flips.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                opening.run();
            }
        });
        flips.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(CompareViewModel.Flip flip, boolean empty) {
                super.updateItem(flip, empty);
                setText(empty || flip == null ? null : flip.label());
                pseudoClassStateChanged(Styles.STATE_SUCCESS, !empty && flip != null && flip.gained());
                pseudoClassStateChanged(Styles.STATE_DANGER, !empty && flip != null && !flip.gained());
            }
        });
        flips.setPlaceholder(new Label("No query flipped between these two runs."));
        var bar = new HBox(8, new Label("Pass/fail metric"), metric, new Label("first run vs"), other, open);
        bar.setAlignment(Pos.CENTER_LEFT);
        VBox.setVgrow(flips, Priority.ALWAYS);
        return new VBox(8, bar, flips);
    }

    /** Which run is set against the first (scatter and flips), by its position in the comparison. */
    static ChoiceBox<Integer> otherRunChoice(CompareViewModel vm) {
        var other = new ChoiceBox<Integer>();
        other.valueProperty().bindBidirectional(vm.other());
        other.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Integer i) {
                var c = vm.comparison().get();
                return c == null || i == null || i >= c.runs().size() ? "" : c.labels().get(i);
            }

            @Override
            public Integer fromString(String s) {
                return null;
            }
        });
        vm.comparison().addListener((o, a, c) -> {
            var items = new ArrayList<Integer>();
            for (int i = 1; c != null && i < c.runs().size(); i++) {
                items.add(i);
            }
            other.getItems().setAll(items);
            other.setValue(items.isEmpty() ? null : 1);
        });
        return other;
    }

    private void show(RunsComparison c) {
        showParams(c);
        var rows = new ArrayList<MetricRow>();
        if (c != null) {
            for (String m : c.metrics()) {
                for (int i = 0; i < c.runs().size(); i++) {
                    var against = c.against(i, m);
                    rows.add(new MetricRow(m, c.labels().get(i), Formats.metric(c.value(i, m)),
                            against.map(x -> Formats.delta(x.delta())).orElse(i == 0 ? "reference" : Formats.MISSING),
                            against.map(x -> "[" + Formats.delta(x.ciLow()) + ", " + Formats.delta(x.ciHigh()) + "]")
                                    .orElse(""),
                            against.map(x -> Formats.metric(x.p())).orElse("")));
                }
            }
        }
        metrics.getItems().setAll(rows);
    }

    private void showParams(RunsComparison c) {
        params.getColumns().clear();
        if (c == null) {
            params.getItems().clear();
            return;
        }
        params.getColumns().add(Tables.text("param", RunsComparison.ParamRow::key, 170));
        for (int i = 0; i < c.runs().size(); i++) {
            int index = i;
            String v = c.labels().get(i);
            params.getColumns().add(Tables.text(v, r -> {
                String value = r.values().get(index);
                return value == null ? Formats.MISSING : value;
            }, 190));
        }
        params.getItems().setAll(vm.differencesOnly().get() ? c.differences() : c.params());
    }

    public CompareViewModel viewModel() {
        return vm;
    }
}
