package dev.ragworkbench.ui.experiments.launch;

import atlantafx.base.theme.Styles;
import dev.ragworkbench.retrieval.RetrieverKind;
import dev.ragworkbench.retrieval.RetrieverSpec;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One retriever to add to the grid: its kind and each parameter with a control bounded as {@link RetrieverSpec}
 * checks it (BM25 k1 0–100 and b 0–1, dense exact, RRF k and depth, weighted alpha 0–1 and depth), and the same
 * setting as one spec string ({@code bm25:b=0.75,k1=1.2}) that can be typed and round-trips through
 * {@link RetrieverSpec#parse}.
 */
final class RetrieverEditor extends VBox {

    private final ObjectProperty<RetrieverSpec> value = new SimpleObjectProperty<>(RetrieverSpec.of(RetrieverKind.BM25));
    private final ChoiceBox<RetrieverKind> kind = new ChoiceBox<>();
    private final FlowPane params = new FlowPane(8, 4);
    private final TextField text = new TextField();
    private final Label error = new Label();
    private boolean syncing;

    RetrieverEditor() {
        super(4);
        kind.getItems().setAll(RetrieverKind.values());
        kind.setConverter(new javafx.util.StringConverter<>() {
            @Override public String toString(RetrieverKind k) { return k == null ? "" : k.id(); }
            @Override public RetrieverKind fromString(String s) { return RetrieverKind.fromId(s); }
        });
        kind.setValue(RetrieverKind.BM25);
        kind.valueProperty().addListener((o, a, b) -> {
            if (!syncing && b != null) {
                value.set(RetrieverSpec.of(b));
            }
        });
        text.setId("retriever-spec");
        text.setPromptText("kind:key=value,…");
        text.setTooltip(new Tooltip("The retriever as a spec string, e.g. bm25:k1=1.2,b=0.75"));
        text.setPrefColumnCount(26);
        text.textProperty().addListener((o, a, b) -> {
            if (syncing) {
                return;
            }
            try {
                value.set(RetrieverSpec.parse(b.strip()));
                error.setText("");
            } catch (IllegalArgumentException e) {
                error.setText(e.getMessage());
            }
        });
        error.getStyleClass().add(Styles.DANGER);
        error.setWrapText(true);
        value.addListener((o, a, b) -> show(b));
        getChildren().addAll(new HBox(8, kind, text), params, error);
        show(value.get());
    }

    ObjectProperty<RetrieverSpec> value() {
        return value;
    }

    private void show(RetrieverSpec spec) {
        syncing = true;
        try {
            kind.setValue(spec.kind());
            if (!text.isFocused()) {
                text.setText(spec.toString());
            }
            params.getChildren().clear();
            for (String key : new java.util.TreeMap<>(spec.kind().defaults()).keySet()) {
                params.getChildren().add(control(spec, key));
            }
        } finally {
            syncing = false;
        }
    }

    private HBox control(RetrieverSpec spec, String key) {
        var label = new Label(key);
        javafx.scene.Node input;
        switch (key) {
            case "exact" -> {
                var box = new CheckBox("exact search (no HNSW)");
                box.setSelected(spec.flag(key));
                box.selectedProperty().addListener((o, a, b) -> set(key, Boolean.toString(b)));
                input = box;
                label.setText("");
            }
            case "k", "depth" -> {
                var spinner = new Spinner<Integer>(1, 100_000, spec.integer(key), key.equals("k") ? 10 : 50);
                spinner.setEditable(true);
                spinner.setPrefWidth(100);
                spinner.valueProperty().addListener((o, a, b) -> set(key, Integer.toString(b)));
                input = spinner;
            }
            default -> { // k1 (0–100), b and alpha (0–1)
                double max = key.equals("k1") ? 100 : 1;
                var spinner = new Spinner<Double>(0, max, spec.number(key), key.equals("k1") ? 0.1 : 0.05);
                spinner.setEditable(true);
                spinner.setPrefWidth(100);
                spinner.valueProperty().addListener((o, a, b) -> set(key, number(b)));
                input = spinner;
            }
        }
        var box = new HBox(4, label, input);
        box.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        return box;
    }

    private void set(String key, String v) {
        if (syncing) {
            return;
        }
        Map<String, String> next = new LinkedHashMap<>(value.get().params());
        next.put(key, v);
        try {
            var spec = new RetrieverSpec(value.get().kind(), next);
            syncing = true;
            try {
                value.set(spec);
                text.setText(spec.toString());
            } finally {
                syncing = false;
            }
            error.setText("");
        } catch (IllegalArgumentException e) {
            error.setText(e.getMessage());
        }
    }

    /** Two decimals at most, without trailing zeros: spinner steps add float noise (0.30000000000000004). */
    static String number(double d) {
        var s = String.format(Locale.ROOT, "%.4f", d).replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
