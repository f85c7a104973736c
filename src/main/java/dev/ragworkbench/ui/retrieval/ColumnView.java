package dev.ragworkbench.ui.retrieval;

import atlantafx.base.theme.Styles;
import dev.ragworkbench.format.Formats;
import dev.ragworkbench.retrieval.RetrieverKind;
import dev.ragworkbench.retrieval.SearchStage;
import dev.ragworkbench.retrieval.SearchTimings;
import dev.ragworkbench.retrieval.compare.ColumnHit;
import dev.ragworkbench.retrieval.compare.ColumnResult;
import javafx.beans.binding.Bindings;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import java.util.ArrayList;
import java.util.Map;

/** One column: its retriever form, the stage latencies of its last search, and its hits. */
final class ColumnView extends VBox {

    private final ColumnViewModel vm;
    private final ListView<ColumnHit> hits = new ListView<>();
    private final Label latency = new Label();

    ColumnView(ColumnViewModel vm, int index) {
        this.vm = vm;
        getStyleClass().add("retrieval-column");
        setId("column-" + index);
        setSpacing(8);
        setMinWidth(260);
        getChildren().addAll(header(index), form(index), status(), body(index));
        VBox.setVgrow(hits, Priority.ALWAYS);
        vm.resultProperty().addListener((o, a, r) -> show(r));
        show(vm.resultProperty().get());
    }

    private Node header(int index) {
        var title = new Label("Column " + (char) ('A' + index));
        title.getStyleClass().add(Styles.TITLE_4);
        var left = iconButton("◀", "Move this column left", vm::moveLeft);
        left.setDisable(index == 0);
        var right = iconButton("▶", "Move this column right", vm::moveRight);
        right.disableProperty().bind(Bindings.size(vm.parent().columns()).lessThanOrEqualTo(index + 1));
        var remove = iconButton("✕", "Remove this column", vm::remove);
        remove.setId("remove-" + index);
        remove.disableProperty().bind(Bindings.size(vm.parent().columns()).lessThanOrEqualTo(
                RetrievalViewModel.MIN_COLUMNS));
        var spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        var row = new HBox(4, title, spacer, left, right, remove);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private static Button iconButton(String text, String tip, Runnable action) {
        var b = new Button(text);
        b.getStyleClass().addAll(Styles.FLAT, Styles.SMALL);
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.run());
        return b;
    }

    private Node form(int index) {
        var indexBox = new ComboBox<>(vm.parent().indexes());
        indexBox.setId("index-" + index);
        indexBox.valueProperty().bindBidirectional(vm.indexProperty());
        indexBox.setPromptText("latest index");
        indexBox.setMaxWidth(Double.MAX_VALUE);
        var kind = new ComboBox<RetrieverKind>();
        kind.setId("kind-" + index);
        kind.getItems().setAll(RetrieverKind.values());
        kind.setConverter(new StringConverter<>() {
            @Override
            public String toString(RetrieverKind k) {
                return k == null ? "" : k.id();
            }

            @Override
            public RetrieverKind fromString(String s) {
                return RetrieverKind.fromId(s);
            }
        });
        kind.valueProperty().bindBidirectional(vm.kindProperty());
        var k1 = labelled("k1", decimal(vm.k1Property(), 0, ColumnViewModel.K1_MAX, 0.1, "k1-" + index));
        var b = labelled("b", decimal(vm.bProperty(), 0, 1, 0.05, "b-" + index));
        var exact = new CheckBox("exact");
        exact.setTooltip(new Tooltip("Scan every vector instead of the HNSW graph: slower, shows what HNSW misses"));
        exact.selectedProperty().bindBidirectional(vm.exactProperty());
        var exactBox = labelled("search", exact);
        var k = labelled("RRF k", integer(vm.rrfKProperty(), 1, ColumnViewModel.RRF_K_MAX, 10, "rrfk-" + index));
        var alpha = labelled("alpha", decimal(vm.alphaProperty(), 0, 1, 0.05, "alpha-" + index));
        var depth = labelled("depth", integer(vm.depthProperty(), 1, ColumnViewModel.DEPTH_MAX, 10, "depth-" + index));
        var top = labelled("top", integer(vm.topProperty(), 1, ColumnViewModel.TOP_MAX, 5, "top-" + index));
        var adapter = labelled("adapter", AdapterChoice.combo(vm, "adapter-" + index));
        adapter.visibleProperty().bind(AdapterChoice.applies(vm));
        adapter.managedProperty().bind(adapter.visibleProperty());
        Map<String, Node> byParam = Map.of("k1", k1, "b", b, "exact", exactBox, "k", k, "alpha", alpha, "depth", depth);
        Runnable showParams = () -> {
            var defaults = vm.kindProperty().get() == null ? Map.<String, String>of() : vm.kindProperty().get().defaults();
            byParam.forEach((p, node) -> {
                node.setVisible(defaults.containsKey(p));
                node.setManaged(defaults.containsKey(p));
            });
        };
        vm.kindProperty().addListener((o, a, c) -> showParams.run());
        showParams.run();
        var row1 = new HBox(6, labelled("index", indexBox), labelled("retriever", kind));
        HBox.setHgrow(row1.getChildren().getFirst(), Priority.ALWAYS);
        var params = new FlowPane(6, 4, k1, b, exactBox, k, alpha, depth, top, adapter);
        params.setAlignment(Pos.BOTTOM_LEFT);
        return new VBox(4, row1, params, new RerankControls(vm.rerankForm(), vm.parent(), index));
    }

    private Node status() {
        latency.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED, "column-latency");
        latency.setId("latency-" + getId().substring("column-".length()));
        latency.setWrapText(true); // a reranker's stage makes the line longer than a narrow column
        latency.setMinHeight(Region.USE_PREF_SIZE);
        var metrics = new Label();
        metrics.getStyleClass().addAll(Styles.TEXT_SMALL, "column-metrics");
        metrics.textProperty().bind(vm.queryMetricsProperty());
        metrics.visibleProperty().bind(vm.queryMetricsProperty().isNotEmpty());
        metrics.managedProperty().bind(metrics.visibleProperty());
        metrics.setWrapText(true);
        var error = new Label();
        error.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.DANGER);
        error.textProperty().bind(vm.errorProperty());
        error.visibleProperty().bind(vm.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        error.setWrapText(true);
        error.setMinHeight(Region.USE_PREF_SIZE);
        metrics.setMinHeight(Region.USE_PREF_SIZE);
        return new VBox(2, latency, metrics, error);
    }

    private Node body(int index) {
        hits.setId("hits-" + index);
        hits.getStyleClass().addAll("hit-list", Styles.DENSE);
        hits.setCellFactory(l -> new HitCell(vm, index == 0));
        hits.setPlaceholder(new Label("Type a query above"));
        hits.getSelectionModel().selectedItemProperty().addListener((o, a, h) -> {
            if (h != null) {
                vm.parent().select(vm, h);
            }
        });
        return hits;
    }

    private void show(ColumnResult r) {
        hits.getItems().setAll(r == null ? java.util.List.of() : r.hits());
        latency.setText(r == null ? " " : latencyText(r.timings()));
    }

    /** {@code embed 3.1 · search 0.8 · total 4.0 ms}: the stages that ran. */
    static String latencyText(SearchTimings t) {
        var parts = new ArrayList<String>();
        for (SearchStage s : SearchStage.values()) {
            if (t.ran(s)) {
                parts.add(s.id() + " " + Formats.decimal(t.millis(s)));
            }
        }
        parts.add("total " + Formats.decimal(t.totalMillis()) + " ms");
        return String.join(" · ", parts);
    }

    /** Puts {@code footer} under the hits (the column's answer). */
    void setFooter(Node footer) {
        getChildren().add(footer);
    }

    ListView<ColumnHit> hits() {
        return hits;
    }

    static Node labelled(String label, Node control) {
        var l = new Label(label);
        l.getStyleClass().add("field-label");
        return new VBox(2, l, control);
    }

    private static Spinner<Double> decimal(DoubleProperty property, double min, double max, double step, String id) {
        var factory = new SpinnerValueFactory.DoubleSpinnerValueFactory(min, max, property.get(), step);
        factory.setConverter(new StringConverter<>() {
            @Override
            public String toString(Double v) {
                return v == null ? "" : ColumnViewModel.dec(v);
            }

            @Override
            public Double fromString(String s) {
                try {
                    return Math.max(min, Math.min(max, Double.parseDouble(s.strip())));
                } catch (NumberFormatException e) {
                    return property.get();
                }
            }
        });
        var spinner = new Spinner<Double>(factory);
        spinner.setEditable(true);
        spinner.setPrefWidth(84);
        spinner.setId(id);
        factory.valueProperty().addListener((o, a, v) -> {
            if (v != null && Math.abs(v - property.get()) > 1e-9) {
                property.set(Double.parseDouble(ColumnViewModel.dec(v)));
            }
        });
        property.addListener((o, a, v) -> {
            if (factory.getValue() == null || Math.abs(factory.getValue() - v.doubleValue()) > 1e-9) {
                factory.setValue(v.doubleValue());
            }
        });
        commitOnBlur(spinner);
        return spinner;
    }

    static Spinner<Integer> integer(IntegerProperty property, int min, int max, int step, String id) {
        var factory = new SpinnerValueFactory.IntegerSpinnerValueFactory(min, max,
                Math.max(min, Math.min(max, property.get())), step);
        var spinner = new Spinner<Integer>(factory);
        spinner.setEditable(true);
        spinner.setPrefWidth(84);
        spinner.setId(id);
        factory.valueProperty().addListener((o, a, v) -> {
            if (v != null && v != property.get()) {
                property.set(v);
            }
        });
        property.addListener((o, a, v) -> {
            int clamped = Math.max(min, Math.min(max, v.intValue()));
            if (factory.getValue() == null || factory.getValue() != clamped) {
                factory.setValue(clamped);
            }
        });
        commitOnBlur(spinner);
        return spinner;
    }

    /** A typed value counts when the field loses focus, not only on Enter. */
    private static void commitOnBlur(Spinner<?> spinner) {
        spinner.focusedProperty().addListener((o, a, focused) -> {
            if (!focused) {
                spinner.increment(0);
            }
        });
    }
}
