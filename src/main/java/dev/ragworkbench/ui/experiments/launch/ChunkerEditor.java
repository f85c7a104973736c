package dev.ragworkbench.ui.experiments.launch;

import atlantafx.base.theme.Styles;
import dev.ragworkbench.chunking.ChunkerKind;
import dev.ragworkbench.chunking.ChunkerSpec;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Pos;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import java.util.ArrayList;

/** One chunker to add: its kind and its parameters, bounded as {@link ChunkerSpec} checks them. */
final class ChunkerEditor extends VBox {

    private final ObjectProperty<ChunkerSpec> value = new SimpleObjectProperty<>(ChunkerSpec.defaults(ChunkerKind.FIXED));
    private final ChoiceBox<ChunkerKind> kind = new ChoiceBox<>();
    private final FlowPane params = new FlowPane(8, 4);
    private final Label error = new Label();

    ChunkerEditor() {
        super(4);
        kind.getItems().setAll(ChunkerKind.values());
        kind.setValue(ChunkerKind.FIXED);
        kind.valueProperty().addListener((o, a, b) -> {
            value.set(ChunkerSpec.defaults(b));
            showParams();
        });
        error.getStyleClass().add(Styles.DANGER);
        error.setWrapText(true);
        getChildren().addAll(new HBox(8, kind, params), error);
        showParams();
    }

    ObjectProperty<ChunkerSpec> value() {
        return value;
    }

    private void showParams() {
        params.getChildren().clear();
        var spinners = new ArrayList<Spinner<Integer>>();
        for (var e : kind.getValue().defaults().entrySet()) {
            int min = e.getKey().equals("percentile") ? 1 : e.getKey().equals("overlap") ? 0 : ChunkerSpec.MIN_SIZE;
            int max = e.getKey().equals("percentile") ? 99 : ChunkerSpec.MAX_SIZE;
            var spinner = new Spinner<Integer>(min, max, e.getValue(), e.getKey().equals("percentile") ? 1 : 8);
            spinner.setEditable(true);
            spinner.setPrefWidth(96);
            spinner.setId(e.getKey());
            spinners.add(spinner);
            var box = new HBox(4, new Label(e.getKey()), spinner);
            box.setAlignment(Pos.CENTER_LEFT);
            params.getChildren().add(box);
        }
        Runnable update = () -> {
            var text = new StringBuilder(kind.getValue().id());
            for (int i = 0; i < spinners.size(); i++) {
                text.append(i == 0 ? ":" : ",").append(spinners.get(i).getId()).append('=')
                        .append(spinners.get(i).getValue());
            }
            try {
                value.set(ChunkerSpec.parse(text.toString()));
                error.setText("");
            } catch (IllegalArgumentException ex) {
                error.setText(ex.getMessage());
            }
        };
        spinners.forEach(s -> s.valueProperty().addListener((o, a, b) -> update.run()));
        update.run();
    }
}
