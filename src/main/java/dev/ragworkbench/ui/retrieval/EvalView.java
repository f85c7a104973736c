package dev.ragworkbench.ui.retrieval;

import atlantafx.base.theme.Styles;
import dev.ragworkbench.evaluation.EvalSet;
import dev.ragworkbench.evaluation.Metric;
import dev.ragworkbench.evaluation.MetricComparison;
import dev.ragworkbench.format.Formats;
import dev.ragworkbench.ui.common.Tables;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.ScatterChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import java.util.function.Consumer;

/**
 * The eval-set mode: which set and metrics, run and cancel with progress, the per-column summary (metrics, B − A
 * with its 95 % CI and p, judged coverage, flips), and the per-query table beside a chart of A against B.
 */
final class EvalView extends VBox {

    private final EvalViewModel vm;
    private final GridPane summary = new GridPane();
    private final TableView<QueryRow> table = new TableView<>();
    private final ScatterChart<Number, Number> chart;

    /** @param openQuery shows a query of the table in the one-query view */
    EvalView(EvalViewModel vm, Consumer<QueryRow> openQuery) {
        this.vm = vm;
        getStyleClass().add("eval-view");
        setSpacing(10);
        var x = new NumberAxis(0, 1, 0.2);
        var y = new NumberAxis(0, 1, 0.2);
        chart = new ScatterChart<>(x, y);
        var summaryScroll = new javafx.scene.control.ScrollPane(summary);
        summaryScroll.setFitToHeight(true);
        summaryScroll.setVbarPolicy(javafx.scene.control.ScrollPane.ScrollBarPolicy.NEVER);
        summaryScroll.getStyleClass().add(atlantafx.base.theme.Tweaks.EDGE_TO_EDGE);
        getChildren().addAll(controls(), summaryScroll, body(openQuery));
        VBox.setVgrow(getChildren().getLast(), Priority.ALWAYS);
        summary.getStyleClass().add("eval-summary");
        summary.setId("eval-summary");
        summary.setHgap(18);
        summary.setVgap(4);
        vm.summary().addListener((ListChangeListener<ColumnSummary>) c -> showSummary());
        vm.rows().addListener((ListChangeListener<QueryRow>) c -> showChart());
        vm.compareWithProperty().addListener((o, a, b) -> axisLabels());
        vm.metricProperty().addListener((o, a, b) -> axisLabels());
        showSummary();
    }

    private Node controls() {
        var set = new ComboBox<>(vm.sets());
        set.setId("eval-set");
        set.valueProperty().bindBidirectional(vm.setProperty());
        set.setPromptText("No eval set with judgments");
        set.setConverter(new StringConverter<>() {
            @Override
            public String toString(EvalSet s) {
                return s == null ? "" : s.name() + "  (" + Formats.counted(s.qrels().queryCount(), "judged query") + ")";
            }

            @Override
            public EvalSet fromString(String s) {
                return null;
            }
        });
        set.setPrefWidth(280);
        var sample = new Spinner<Integer>(0, 100_000, vm.sampleProperty().get(), 10);
        sample.setId("eval-sample");
        sample.setEditable(true);
        sample.setPrefWidth(100);
        sample.setTooltip(new Tooltip("A seeded random sample of this many queries (seed " + EvalViewModel.SEED
                                      + "); 0 for all"));
        sample.valueProperty().addListener((o, a, v) -> vm.sampleProperty().set(v == null ? 0 : v));
        var metrics = new TextField();
        metrics.setId("eval-metrics");
        metrics.textProperty().bindBidirectional(vm.metricsProperty());
        metrics.setPrefColumnCount(18);
        var run = new Button("Run");
        run.setId("eval-run");
        run.getStyleClass().add(Styles.ACCENT);
        run.disableProperty().bind(vm.runningProperty());
        run.setOnAction(e -> vm.run());
        var cancel = new Button("Cancel");
        cancel.setId("eval-cancel");
        cancel.disableProperty().bind(vm.runningProperty().not());
        cancel.setOnAction(e -> vm.cancel());
        var progress = new ProgressBar();
        progress.setId("eval-progress");
        progress.progressProperty().bind(vm.progressProperty());
        progress.visibleProperty().bind(vm.runningProperty());
        progress.setPrefWidth(160);
        var save = new Button("Save as runs");
        save.setId("eval-save");
        save.setTooltip(new Tooltip("Record one run per column, tagged as one comparison, in the experiment history"));
        save.disableProperty().bind(vm.resultProperty().isNull());
        save.setOnAction(e -> vm.save());
        var status = new Label();
        status.setId("eval-status");
        status.getStyleClass().add(Styles.TEXT_MUTED);
        status.textProperty().bind(vm.statusProperty());
        var spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        var row = new HBox(8, field("Eval set", set), field("Sample (0 = all)", sample), field("Metrics", metrics),
                bottom(run), bottom(cancel), bottom(progress), spacer, bottom(save));
        row.setAlignment(Pos.BOTTOM_LEFT);
        return new VBox(6, row, status);
    }

    private static Node bottom(Node n) {
        var box = new VBox(n);
        box.setAlignment(Pos.BOTTOM_LEFT);
        return box;
    }

    private static Node field(String label, Node control) {
        var l = new Label(label);
        l.getStyleClass().add("field-label");
        return new VBox(4, l, control);
    }

    private void showSummary() {
        summary.getChildren().clear();
        var rows = vm.summary();
        if (rows.isEmpty()) {
            var empty = new Label("Run an eval set through the columns to see their metrics side by side.");
            empty.getStyleClass().add(Styles.TEXT_MUTED);
            summary.add(empty, 0, 0);
            return;
        }
        var metrics = rows.getFirst().metrics();
        int col = 0;
        // the summary's numbers are read, not skimmed: every label at its full width (the pane scrolls if need be)
        for (String h : new String[] {"", "retriever", "index"}) {
            summary.add(head(h), col++, 0);
        }
        for (Metric m : metrics) {
            summary.add(head(m.toString()), col++, 0);
            summary.add(head("vs A (95% CI), p"), col++, 0);
        }
        summary.add(head("judged@10"), col++, 0);
        summary.add(head("success@10 flips vs A"), col, 0);
        int r = 1;
        for (ColumnSummary s : rows) {
            col = 0;
            summary.add(new Label(String.valueOf((char) ('A' + s.number() - 1))), col++, r);
            var column = s.evaluation().column();
            summary.add(new Label(column.retriever() + (column.adapter() == null ? "" : " +adapter:" + column.adapter())),
                    col++, r);
            summary.add(muted(s.evaluation().index()), col++, r);
            for (Metric m : metrics) {
                var value = new Label(Formats.metric(s.evaluation().mean(m)));
                value.getStyleClass().add(Styles.TEXT_BOLD);
                summary.add(value, col++, r);
                MetricComparison c = s.vsFirst(m);
                var vs = new Label(c == null ? "" : Formats.delta(c.delta()) + " [" + Formats.delta(c.ciLow()) + ", "
                        + Formats.delta(c.ciHigh()) + "], p " + Formats.metric(c.p()));
                if (c != null && c.significant(0.05)) {
                    vs.getStyleClass().add(c.delta() > 0 ? Styles.SUCCESS : Styles.DANGER);
                }
                summary.add(vs, col++, r);
            }
            double judged = s.evaluation().coverage().overall();
            var coverage = new Label(Formats.percent(judged));
            coverage.setTooltip(new Tooltip("Share of its top-10 documents the eval set judges at all; unjudged "
                                            + "hits count as non-relevant"));
            if (judged < 0.5) {
                coverage.getStyleClass().add(Styles.WARNING);
            }
            summary.add(coverage, col++, r);
            summary.add(muted(s.flips()), col, r);
            r++;
        }
        summary.getChildren().forEach(n -> {
            if (n instanceof Label l) {
                l.setMinWidth(Region.USE_PREF_SIZE);
            }
        });
    }

    private static Label head(String text) {
        var l = new Label(text);
        l.setMinWidth(Region.USE_PREF_SIZE);
        l.getStyleClass().add("field-label");
        return l;
    }

    private static Label muted(String text) {
        var l = new Label(text);
        l.setMinWidth(Region.USE_PREF_SIZE);
        l.getStyleClass().add(Styles.TEXT_MUTED);
        return l;
    }

    private Node body(Consumer<QueryRow> openQuery) {
        table.setId("per-query");
        table.getStyleClass().add(Styles.DENSE);
        table.setItems(vm.rows());
        table.setPlaceholder(new Label("No per-query results yet"));
        TableColumn<QueryRow, Double> diff = Tables.metric("B − A", QueryRow::difference);
        diff.setId("difference");
        table.getColumns().setAll(java.util.List.of(
                Tables.text("query", QueryRow::queryId, 70),
                Tables.flexible(Tables.text("text", QueryRow::text, 260), 160),
                Tables.metric("A", QueryRow::a),
                Tables.metric("B", QueryRow::b),
                diff,
                Tables.number("judged A", QueryRow::judgedA, Formats::count, 70),
                Tables.number("judged B", QueryRow::judgedB, Formats::count, 70)));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setRowFactory(t -> {
            var row = new TableRow<QueryRow>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    openQuery.accept(row.getItem());
                }
            });
            return row;
        });
        table.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER && table.getSelectionModel().getSelectedItem() != null) {
                openQuery.accept(table.getSelectionModel().getSelectedItem());
            }
        });
        var b = new ComboBox<>(vm.columnChoices());
        b.setId("compare-with");
        b.setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer n) {
                return n == null ? "" : "Column " + (char) ('A' + n - 1);
            }

            @Override
            public Integer fromString(String s) {
                return null;
            }
        });
        b.valueProperty().addListener((o, a, n) -> {
            if (n != null) {
                vm.compareWithProperty().set(n);
            }
        });
        vm.compareWithProperty().addListener((o, a, n) -> b.setValue(n.intValue()));
        vm.columnChoices().addListener((ListChangeListener<Integer>) c -> b.setValue(vm.compareWithProperty().get()));
        var metric = new ComboBox<>(vm.metricChoices());
        metric.setId("per-query-metric");
        metric.valueProperty().bindBidirectional(vm.metricProperty());
        metric.setButtonCell(new ListCell<>() {
            @Override
            protected void updateItem(Metric m, boolean empty) {
                super.updateItem(m, empty);
                setText(empty || m == null ? "" : m.toString());
            }
        });
        var hint = new Label("Double-click a query to open it in the one-query view");
        hint.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        var pick = new HBox(8, new Label("A = column A, B ="), b, new Label("metric"), metric, hint);
        pick.setAlignment(Pos.CENTER_LEFT);
        var left = new VBox(6, pick, table);
        VBox.setVgrow(table, Priority.ALWAYS);
        chart.setId("per-query-chart");
        chart.setAnimated(false);
        chart.setLegendVisible(false);
        chart.setMinSize(200, 200);
        chart.getStyleClass().add("per-query-chart");
        axisLabels();
        var split = new SplitPane(left, chart);
        split.setDividerPositions(0.64);
        return split;
    }

    private void axisLabels() {
        Metric m = vm.metricProperty().get();
        String name = m == null ? "metric" : m.toString();
        int b = vm.compareWithProperty().get();
        chart.getXAxis().setLabel("A: " + name);
        chart.getYAxis().setLabel((char) ('A' + Math.max(0, b - 1)) + ": " + name);
        chart.setTitle("per query, A against " + (char) ('A' + Math.max(0, b - 1)));
    }

    private void showChart() {
        var series = new XYChart.Series<Number, Number>();
        for (QueryRow r : vm.rows()) {
            series.getData().add(new XYChart.Data<>(r.a(), r.b()));
        }
        chart.getData().setAll(java.util.List.of(series));
        axisLabels();
    }

    TableView<QueryRow> table() {
        return table;
    }

    int summaryRows() {
        return (int) summary.getChildren().stream().filter(n -> GridPane.getRowIndex(n) != null
                && GridPane.getRowIndex(n) > 0).map(GridPane::getRowIndex).distinct().count();
    }
}
