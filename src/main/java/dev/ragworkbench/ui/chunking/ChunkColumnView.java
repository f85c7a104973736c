package dev.ragworkbench.ui.chunking;

import dev.ragworkbench.chunking.ChunkStats;
import dev.ragworkbench.chunking.Chunk;
import dev.ragworkbench.chunking.ChunkerKind;
import dev.ragworkbench.chunking.ChunkerSpec;
import dev.ragworkbench.format.Formats;
import javafx.beans.binding.Bindings;
import javafx.beans.property.IntegerProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** One chunker setting: its form, its numbers, the text with its chunks, the chunk list and the size histogram. */
final class ChunkColumnView extends VBox {

    private final ChunkColumnViewModel vm;
    private final ChunkedTextView textView = new ChunkedTextView();
    private final BarChart<String, Number> histogram = new BarChart<>(new CategoryAxis(), new NumberAxis());
    private final ListView<Chunk> list = new ListView<>();
    private final Label count = value();
    private final Label mean = value();
    private final Label range = value();
    private final Label over = value();
    private final Label split = value();

    ChunkColumnView(ChunkColumnViewModel vm, int index) {
        this.vm = vm;
        getStyleClass().add("chunk-column");
        setSpacing(10);
        setMinWidth(280);
        getChildren().addAll(form(index), stats(), body());
        VBox.setVgrow(getChildren().getLast(), Priority.ALWAYS);
        vm.chunks().addListener((ListChangeListener<Chunk>) c -> refresh());
        vm.statsProperty().addListener((o, a, b) -> refresh());
        vm.parent().evidence().addListener((ListChangeListener<Object>) c -> refresh());
        refresh();
    }

    private Node form(int index) {
        var kind = new ComboBox<ChunkerKind>();
        kind.getItems().setAll(ChunkerKind.values());
        kind.valueProperty().bindBidirectional(vm.kindProperty());
        kind.setId("kind-" + index);
        var size = spinner(vm.sizeProperty(), ChunkerSpec.MIN_SIZE, 8192, 16, "size-" + index);
        var overlap = spinner(vm.overlapProperty(), 0, 4096, 8, "overlap-" + index);
        var percentile = spinner(vm.percentileProperty(), 1, 99, 1, "percentile-" + index);
        var sizeBox = labelled("Size", size);
        var overlapBox = labelled("Overlap", overlap);
        var percentileBox = labelled("Percentile", percentile);
        Runnable showParams = () -> {
            var k = vm.kindProperty().get();
            var defaults = k == null ? java.util.Map.<String, Integer>of() : k.defaults();
            show(sizeBox, defaults.containsKey("size"));
            show(overlapBox, defaults.containsKey("overlap"));
            show(percentileBox, defaults.containsKey("percentile"));
        };
        vm.kindProperty().addListener((o, a, b) -> showParams.run());
        showParams.run();

        var remove = new Button("Remove");
        remove.getStyleClass().addAll("flat", "small");
        remove.setTooltip(new Tooltip("Remove this setting from the comparison"));
        remove.setOnAction(e -> vm.remove());
        remove.disableProperty().bind(Bindings.size(vm.parent().columns()).lessThan(2));
        var apply = new Button("Apply to corpus");
        apply.setId("apply-" + index);
        apply.getStyleClass().add("small");
        apply.setTooltip(new Tooltip("Build an index of the whole corpus with this chunker and the chosen embedder"));
        apply.disableProperty().bind(vm.errorProperty().isNotEmpty());
        apply.setOnAction(e -> vm.applyToCorpus());
        var busy = new ProgressIndicator();
        busy.setPrefSize(16, 16);
        busy.visibleProperty().bind(vm.busyProperty());

        var title = new Label("Setting " + (char) ('A' + index));
        title.getStyleClass().add("title-4");
        var spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        var top = new HBox(8, title, busy, spacer, apply, remove);
        top.setAlignment(Pos.CENTER_LEFT);
        var params = new HBox(8, labelled("Kind", kind), sizeBox, overlapBox, percentileBox);
        params.setAlignment(Pos.BOTTOM_LEFT);
        var error = new Label();
        error.getStyleClass().add("error-text");
        error.textProperty().bind(vm.errorProperty());
        error.managedProperty().bind(vm.errorProperty().isNotEmpty());
        error.setWrapText(true);
        return new VBox(8, top, params, error);
    }

    private static void show(Node node, boolean visible) {
        node.setVisible(visible);
        node.setManaged(visible);
    }

    private static Spinner<Integer> spinner(IntegerProperty property, int min, int max, int step, String id) {
        var spinner = new Spinner<Integer>();
        var factory = new SpinnerValueFactory.IntegerSpinnerValueFactory(min, max, Math.max(min, property.get()), step);
        spinner.setValueFactory(factory);
        spinner.setEditable(true);
        spinner.setPrefWidth(96);
        spinner.setId(id);
        factory.valueProperty().addListener((o, a, b) -> {
            if (b != null && b != property.get()) {
                property.set(b);
            }
        });
        property.addListener((o, a, b) -> {
            int v = Math.max(min, Math.min(max, b.intValue()));
            if (factory.getValue() == null || factory.getValue() != v) {
                factory.setValue(v);
            }
        });
        // a typed value counts when the field loses focus, not only on Enter
        spinner.focusedProperty().addListener((o, a, focused) -> {
            if (!focused) {
                spinner.increment(0);
            }
        });
        return spinner;
    }

    private static Node labelled(String label, Node control) {
        var l = new Label(label);
        l.getStyleClass().add("field-label");
        return new VBox(4, l, control);
    }

    private Node stats() {
        var grid = new GridPane();
        grid.getStyleClass().add("stats-grid");
        grid.setHgap(16);
        grid.setVgap(2);
        String[] names = {"Chunks", "Mean tokens", "Min – max", "Over limit", "Evidence split"};
        Label[] values = {count, mean, range, over, split};
        for (int i = 0; i < names.length; i++) {
            var n = new Label(names[i]);
            n.getStyleClass().add("stat-name");
            grid.add(n, i, 0);
            grid.add(values[i], i, 1);
            var cc = new ColumnConstraints();
            cc.setHgrow(Priority.SOMETIMES);
            grid.getColumnConstraints().add(cc);
        }
        over.setTooltip(new Tooltip("Chunks longer than the embedder's limit: the model truncates them"));
        split.setTooltip(new Tooltip("Answer spans of the eval sets that no single chunk holds whole"));
        return grid;
    }

    private static Label value() {
        var l = new Label("–");
        l.getStyleClass().add("stat-value");
        return l;
    }

    private Node body() {
        histogram.setAnimated(false);
        histogram.setLegendVisible(false);
        histogram.setCategoryGap(2);
        histogram.setBarGap(0);
        histogram.setPrefHeight(170);
        histogram.setMinHeight(120);
        histogram.getXAxis().setLabel("tokens per chunk");
        histogram.getXAxis().setTickLabelRotation(0);
        histogram.getStyleClass().add("size-histogram");
        ((NumberAxis) histogram.getYAxis()).setMinorTickVisible(false);
        ((NumberAxis) histogram.getYAxis()).setTickLabelFormatter(new NumberAxis.DefaultFormatter(
                (NumberAxis) histogram.getYAxis()) {
            @Override
            public String toString(Number n) {
                return n.doubleValue() == Math.rint(n.doubleValue()) ? Formats.count(n.longValue()) : "";
            }
        });
        list.getStyleClass().add("chunk-list");
        list.setItems(vm.chunks());
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Chunk c, boolean empty) {
                super.updateItem(c, empty);
                if (empty || c == null) {
                    setText(null);
                    getStyleClass().remove("over-limit");
                    return;
                }
                String preview = c.text().replaceAll("\\s+", " ");
                setText(String.format("%3d   %,5d tok   %s", c.ordinal() + 1, c.tokenCount(),
                        preview.length() > 60 ? preview.substring(0, 60) + "…" : preview));
                if (c.tokenCount() > vm.parent().maxTokensProperty().get()) {
                    if (!getStyleClass().contains("over-limit")) {
                        getStyleClass().add("over-limit");
                    }
                } else {
                    getStyleClass().remove("over-limit");
                }
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((o, a, c) -> {
            if (c != null) {
                textView.reveal(c);
            }
        });
        list.setPlaceholder(new Label("No chunks"));
        var bottom = new SplitPane(histogram, list);
        bottom.setDividerPositions(0.5);
        var split = new SplitPane(textView, bottom);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.62);
        return split;
    }

    private void refresh() {
        var s = vm.statsProperty().get();
        var doc = vm.parent().document().get();
        count.setText(s.count() == 0 ? "–" : Formats.count(s.count()));
        mean.setText(s.count() == 0 ? "–" : Formats.decimal(s.mean()));
        range.setText(s.count() == 0 ? "–" : Formats.count(s.min()) + " – " + Formats.count(s.max()));
        over.setText(s.count() == 0 ? "–" : Formats.count(s.overLimit()) + " of " + Formats.count(s.count())
                                            + "  (> " + Formats.count(s.limit()) + ")");
        over.getStyleClass().remove("warning-value");
        if (s.overLimit() > 0) {
            over.getStyleClass().add("warning-value");
        }
        split.setText(s.evidence() == 0 ? "no answer spans" : Formats.count(s.evidenceSplit()) + " of "
                                                               + Formats.count(s.evidence()));
        split.getStyleClass().remove("warning-value");
        if (s.evidenceSplit() > 0) {
            split.getStyleClass().add("warning-value");
        }
        var series = new XYChart.Series<String, Number>();
        for (ChunkStats.Bin bin : s.histogram()) {
            var data = new XYChart.Data<String, Number>(bin.label(), bin.count());
            if (bin.overLimit()) {
                data.nodeProperty().addListener((o, a, node) -> {
                    if (node != null) {
                        node.getStyleClass().add("over-limit-bar");
                    }
                });
            }
            series.getData().add(data);
        }
        histogram.getData().setAll(java.util.List.of(series));
        textView.show(doc == null ? "" : doc.text(), java.util.List.copyOf(vm.chunks()),
                java.util.List.copyOf(vm.parent().evidence()));
    }

    ChunkedTextView textView() {
        return textView;
    }
}
