package dev.ragworkbench.ui.models.finetune;

import atlantafx.base.theme.Styles;
import dev.ragworkbench.embedding.adapter.TrainingOptions;
import dev.ragworkbench.evaluation.EvalSet;
import dev.ragworkbench.format.Formats;
import dev.ragworkbench.index.IndexInfo;
import dev.ragworkbench.ui.common.Tables;
import dev.ragworkbench.ui.shell.EvalComparisonRequest;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * "Fine-tune embedder": the index, eval set and training options, Start and Cancel with progress, the loss and
 * validation curves drawn as they come, and at the end base against tuned with the paired statistics and a way
 * to open that comparison in the Retrieval pane.
 */
public final class FineTuneView extends VBox {

    private final FineTuneViewModel vm;

    /** @param openInRetrieval opens the finished comparison in the Retrieval pane (through the navigator) */
    public FineTuneView(FineTuneViewModel vm, Consumer<EvalComparisonRequest> openInRetrieval) {
        this.vm = vm;
        setId("finetune-pane");
        setSpacing(10);
        setPadding(new Insets(12));
        var lossChart = chart("Training loss", "step", "loss", "finetune-loss", false);
        follow(lossChart, "per step", vm.loss());
        follow(lossChart, "epoch mean", vm.epochLoss());
        lossChart.setLegendVisible(true);
        var validationChart = chart("Validation nDCG@10 per epoch (0: the base)", "epoch", "nDCG@10",
                "finetune-validation", true);
        follow(validationChart, "validation", vm.validation());
        // epochs are whole: no tick between them
        ((NumberAxis) validationChart.getXAxis()).setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number n) {
                return n.doubleValue() == Math.rint(n.doubleValue()) ? Integer.toString(n.intValue()) : "";
            }

            @Override
            public Number fromString(String s) {
                return Integer.parseInt(s);
            }
        });
        validationChart.getXAxis().setTickMarkVisible(true);
        var charts = new HBox(12, lossChart, validationChart);
        charts.getChildren().forEach(c -> HBox.setHgrow(c, Priority.ALWAYS));
        VBox.setVgrow(charts, Priority.ALWAYS);
        getChildren().addAll(form(), status(), charts, comparison(openInRetrieval));
    }

    private Node form() {
        var index = new ComboBox<>(vm.indexes());
        index.setId("finetune-index");
        index.valueProperty().bindBidirectional(vm.indexProperty());
        index.setPromptText("No index with an embedder");
        index.setConverter(converter(IndexInfo::name));
        index.setPrefWidth(300);
        var embedder = new Label();
        embedder.setId("finetune-embedder");
        embedder.textProperty().bind(Bindings.createStringBinding(() -> vm.embedderBinding().get().isEmpty() ? ""
                : "embedder " + vm.embedderBinding().get(), vm.embedderBinding()));
        embedder.getStyleClass().add(Styles.TEXT_MUTED);
        var set = new ComboBox<>(vm.sets());
        set.setId("finetune-evalset");
        set.valueProperty().bindBidirectional(vm.evalSetProperty());
        set.setPromptText("No eval set with judgments");
        set.setConverter(converter(s -> s.name() + "  (" + Formats.counted(s.qrels().queryCount(), "judged query") + ")"));
        set.setPrefWidth(280);
        var row1 = new HBox(8, labelled("index", index), labelled("eval set (trained on)", set),
                labelled(" ", embedder));
        row1.setAlignment(Pos.BOTTOM_LEFT);

        var d = TrainingOptions.DEFAULTS;
        var negatives = new ComboBox<TrainingOptions.Negatives>();
        negatives.setId("finetune-negatives");
        negatives.getItems().setAll(TrainingOptions.Negatives.values());
        negatives.setConverter(converter(TrainingOptions.Negatives::id));
        negatives.valueProperty().bindBidirectional(vm.negativesProperty());
        negatives.setTooltip(new Tooltip("in-batch: the other pairs' chunks are the negatives; bm25 adds one "
                + "BM25-mined hard negative per pair"));
        var start = new Button("Start");
        start.setId("finetune-start");
        start.getStyleClass().add(Styles.ACCENT);
        start.disableProperty().bind(vm.canStart().not());
        start.setOnAction(e -> vm.start());
        var cancel = new Button("Cancel");
        cancel.setId("finetune-cancel");
        cancel.disableProperty().bind(vm.runningProperty().not());
        cancel.setOnAction(e -> vm.cancel());
        var progress = new ProgressBar();
        progress.setId("finetune-progress");
        progress.progressProperty().bind(vm.progressProperty());
        progress.visibleProperty().bind(vm.runningProperty());
        progress.setPrefWidth(140);
        var options = new FlowPane(8, 6,
                labelled("epochs", integer(vm.epochsProperty(), 1, FineTuneViewModel.EPOCHS_MAX, 1, "finetune-epochs")),
                labelled("learning rate", decimal(vm.learningRateProperty(), 1e-4, 0.1, 5e-4, "finetune-lr")),
                labelled("batch", integer(vm.batchProperty(), 2, FineTuneViewModel.BATCH_MAX, 8, "finetune-batch")),
                labelled("negatives", negatives),
                labelled("seed", integer(vm.seedProperty(), 0, Integer.MAX_VALUE, 1, "finetune-seed")),
                labelled("validation share", decimal(vm.validationShareProperty(), 0.05, 0.5, 0.05,
                        "finetune-validation-share")),
                labelled("patience", integer(vm.patienceProperty(), 1, FineTuneViewModel.PATIENCE_MAX, 1,
                        "finetune-patience")),
                labelled(" ", new HBox(8, start, cancel, progress)));
        options.setAlignment(Pos.BOTTOM_LEFT);
        var hint = new Label("Defaults as the finetune command's: " + d.epochs() + " epochs at most, learning rate "
                + d.learningRate() + ", batch " + d.batchSize() + ", " + d.negatives().id() + " negatives, seed "
                + d.seed() + ", " + Formats.percent(d.validationShare()) + " held out for early stopping, patience "
                + d.patience() + ". Same seed, same adapter.");
        hint.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        hint.setWrapText(true);
        return new VBox(8, row1, options, hint);
    }

    private Node status() {
        var status = new Label();
        status.setId("finetune-status");
        status.textProperty().bind(vm.statusProperty());
        status.setWrapText(true);
        var error = new Label();
        error.setId("finetune-error");
        error.setWrapText(true);
        error.textProperty().bind(vm.errorProperty());
        error.getStyleClass().add(Styles.DANGER);
        error.managedProperty().bind(vm.errorProperty().isNotEmpty());
        error.visibleProperty().bind(vm.errorProperty().isNotEmpty());
        return new VBox(4, status, error);
    }

    private static LineChart<Number, Number> chart(String title, String x, String y, String id, boolean symbols) {
        var xAxis = new NumberAxis();
        xAxis.setLabel(x);
        xAxis.setForceZeroInRange(false);
        var yAxis = new NumberAxis();
        yAxis.setLabel(y);
        yAxis.setForceZeroInRange(false);
        var chart = new LineChart<>(xAxis, yAxis);
        chart.setId(id);
        chart.setTitle(title);
        chart.setAnimated(false);
        chart.setLegendVisible(false);
        chart.setCreateSymbols(symbols);
        chart.setMinHeight(200);
        chart.setPrefHeight(260);
        return chart;
    }

    /** A series of {@code chart} that follows {@code points} as they are added (and empties when they are cleared). */
    private static void follow(LineChart<Number, Number> chart, String name,
                               ObservableList<FineTuneViewModel.Point> points) {
        var series = new XYChart.Series<Number, Number>();
        series.setName(name);
        chart.getData().add(series);
        points.addListener((ListChangeListener<FineTuneViewModel.Point>) c -> {
            while (c.next()) {
                if (c.wasRemoved() && points.isEmpty()) {
                    series.getData().clear();
                }
                if (c.wasAdded()) {
                    for (var p : c.getAddedSubList()) {
                        series.getData().add(new XYChart.Data<>(p.x(), p.y()));
                    }
                }
            }
        });
    }

    private Node comparison(Consumer<EvalComparisonRequest> openInRetrieval) {
        var title = new Label("Base against tuned");
        title.getStyleClass().add(Styles.TITLE_4);
        var note = new Label();
        note.setId("finetune-heldout");
        note.textProperty().bind(vm.heldOutNoteProperty());
        note.getStyleClass().add(Styles.TEXT_MUTED);
        note.setWrapText(true);
        var open = new Button("Open in Retrieval");
        open.setId("finetune-open-retrieval");
        open.setTooltip(new Tooltip("Show these two columns and their eval-set comparison in the Retrieval pane"));
        open.disableProperty().bind(vm.resultProperty().isNull());
        open.setOnAction(e -> vm.retrievalRequest().ifPresent(openInRetrieval));
        var spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        var head = new HBox(8, title, spacer, open);
        head.setAlignment(Pos.CENTER_LEFT);

        var table = new TableView<>(vm.rows());
        table.setId("finetune-comparison");
        table.getStyleClass().add(Styles.DENSE);
        table.setPlaceholder(new Label("When training ends, base and tuned are compared here on held-out queries"));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(Tables.longText("column", ComparisonRow::column, 200));
        table.getColumns().add(Tables.metric("nDCG@10", ComparisonRow::ndcg10));
        table.getColumns().add(Tables.text("Δ nDCG@10", r -> r.vsBase() == null ? Formats.MISSING
                : Formats.delta(r.vsBase().delta()), 105));
        table.getColumns().add(Tables.text("95% CI", r -> r.vsBase() == null ? Formats.MISSING
                : "[" + Formats.delta(r.vsBase().ciLow()) + ", " + Formats.delta(r.vsBase().ciHigh()) + "]", 140));
        table.getColumns().add(Tables.metric("p", r -> r.vsBase() == null ? null : r.vsBase().p()));
        table.getColumns().add(Tables.metric("recall@100", ComparisonRow::recall100));
        table.getColumns().add(Tables.longText("success@10 flips", ComparisonRow::flips, 190));
        Tables.sizeLongTextToRows(table);
        table.setFixedCellSize(30);
        table.setPrefHeight(30 * 3 + 8);
        table.setMinHeight(Region.USE_PREF_SIZE);
        return new VBox(6, head, note, table);
    }

    private static <T> StringConverter<T> converter(Function<T, String> text) {
        return new StringConverter<>() {
            @Override
            public String toString(T t) {
                return t == null ? "" : text.apply(t);
            }

            @Override
            public T fromString(String s) {
                return null;
            }
        };
    }

    private static Node labelled(String label, Node control) {
        var l = new Label(label);
        l.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        return new VBox(2, l, control);
    }

    private static Spinner<Integer> integer(ObjectProperty<Integer> property, int min, int max, int step, String id) {
        var factory = new SpinnerValueFactory.IntegerSpinnerValueFactory(min, max, property.get(), step);
        factory.valueProperty().bindBidirectional(property);
        return editable(new Spinner<>(factory), id, 90);
    }

    /** A decimal spinner that shows and keeps three significant digits (a step's 0.15000000000000002 is 0.15). */
    private static Spinner<Double> decimal(ObjectProperty<Double> property, double min, double max, double step,
                                           String id) {
        var factory = new SpinnerValueFactory.DoubleSpinnerValueFactory(min, max, property.get(), step);
        factory.setConverter(new StringConverter<>() {
            @Override
            public String toString(Double v) {
                return v == null ? "" : round(v).toPlainString();
            }

            @Override
            public Double fromString(String s) {
                try {
                    return Math.max(min, Math.min(max, Double.parseDouble(s.strip())));
                } catch (NumberFormatException e) {
                    return factory.getValue();
                }
            }
        });
        factory.valueProperty().addListener((o, was, now) -> {
            if (now != null && round(now).doubleValue() != now) {
                factory.setValue(round(now).doubleValue());
            }
        });
        factory.valueProperty().bindBidirectional(property);
        return editable(new Spinner<>(factory), id, 100);
    }

    private static BigDecimal round(double v) {
        return new BigDecimal(v).round(new MathContext(3)).stripTrailingZeros();
    }

    /** Editable, and a typed value counts when the field loses focus, not only on Enter. */
    private static <T> Spinner<T> editable(Spinner<T> spinner, String id, double width) {
        spinner.setId(id);
        spinner.setEditable(true);
        spinner.setPrefWidth(width);
        spinner.focusedProperty().addListener((o, was, focused) -> {
            if (!focused) {
                spinner.increment(0);
            }
        });
        return spinner;
    }
}
