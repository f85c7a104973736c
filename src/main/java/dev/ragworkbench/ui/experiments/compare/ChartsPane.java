package dev.ragworkbench.ui.experiments.compare;

import atlantafx.base.theme.Styles;
import dev.ragworkbench.experiment.compare.RunsComparison;
import dev.ragworkbench.report.chart.ComparisonFigures;
import dev.ragworkbench.report.chart.ParallelCoordinates;
import dev.ragworkbench.report.chart.ScatterChart;
import dev.ragworkbench.ui.common.FigureView;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.List;

/**
 * The comparison's figures, built by the shared chart module (the reports draw the same ones) and drawn by
 * {@link FigureView}: a bar chart per metric with the 95 % intervals, the per-query scatter of the first run
 * against a chosen one, and the parallel coordinates of the params that differ → the chosen metric.
 */
final class ChartsPane extends ScrollPane {

    private final CompareViewModel vm;
    final FlowPane bars = new FlowPane(12, 12);
    final FlowPane pairCharts = new FlowPane(12, 12);

    ChartsPane(CompareViewModel vm) {
        this.vm = vm;
        var metric = new ChoiceBox<String>();
        metric.setId("chart-metric");
        metric.valueProperty().bindBidirectional(vm.metric());
        vm.comparison().addListener((o, a, c) -> metric.getItems().setAll(c == null ? List.of() : c.metrics()));
        var other = CompareView.otherRunChoice(vm);
        var barsTitle = new Label("Each metric: the runs' means, whiskers the 95 % interval against the first (dashed)");
        barsTitle.getStyleClass().add(Styles.TEXT_BOLD);
        var pairTitle = new Label("Per query and across params");
        pairTitle.getStyleClass().add(Styles.TEXT_BOLD);
        var controls = new HBox(8, new Label("Metric"), metric, new Label("first run vs"), other);
        controls.setAlignment(Pos.CENTER_LEFT);
        var content = new VBox(12, barsTitle, bars, pairTitle, controls, pairCharts);
        content.setPadding(new Insets(8));
        setContent(content);
        setFitToWidth(true);
        bars.setId("chart-bars");
        // wrap at the view's width, so figures sit side by side when there is room
        bars.prefWrapLengthProperty().bind(widthProperty().subtract(32));
        pairCharts.prefWrapLengthProperty().bind(widthProperty().subtract(32));
        pairCharts.setId("chart-pair");
        vm.comparison().addListener((o, a, c) -> drawBars(c));
        vm.pair().addListener(o -> drawPair());
        vm.metric().addListener(o -> drawPair());
    }

    private void drawBars(RunsComparison c) {
        bars.getChildren().clear();
        if (c == null) {
            return;
        }
        for (String m : c.metrics()) {
            bars.getChildren().add(new FigureView(ComparisonFigures.bars(m, c.labels(), c.value(0, m), c.toFirst())));
        }
    }

    private void drawPair() {
        pairCharts.getChildren().clear();
        var c = vm.comparison().get();
        var pair = vm.pair().get();
        String m = vm.metric().get();
        if (c == null || m == null) {
            return;
        }
        if (pair != null && pair.metric().equals(m)) {
            int i = vm.other().get() == null ? 1 : vm.other().get();
            pairCharts.getChildren().add(new FigureView(ScatterChart.figure(m + " per query",
                    c.labels().getFirst(), c.labels().get(i), pair.a(), pair.b())));
        }
        var keys = c.differences().stream().map(RunsComparison.ParamRow::key)
                .filter(k -> !k.equals("index.name")).toList();
        var rows = new ArrayList<ParallelCoordinates.Row>();
        for (int i = 0; i < c.runs().size(); i++) {
            rows.add(new ParallelCoordinates.Row(c.labels().get(i), c.runs().get(i).params(), c.value(i, m)));
        }
        pairCharts.getChildren().add(new FigureView(ParallelCoordinates.figure("params → " + m, keys, m, rows)));
    }
}
