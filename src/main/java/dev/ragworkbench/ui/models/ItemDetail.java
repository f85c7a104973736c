package dev.ragworkbench.ui.models;

import atlantafx.base.theme.Styles;
import dev.ragworkbench.experiment.ItemRecord;
import dev.ragworkbench.format.Formats;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.VBox;

import java.util.List;
import java.util.stream.Collectors;

import static dev.ragworkbench.ui.common.DetailLabels.caption;
import static dev.ragworkbench.ui.common.DetailLabels.text;
import static dev.ragworkbench.ui.common.DetailLabels.title;

/**
 * One item side by side: its input, the expected output, and each model's output with a word-level diff
 * against the expected output and, for every model after the first, against the first model's output; the
 * per-item scores and the error of a failed call.
 */
final class ItemDetail extends ScrollPane {

    private final VBox box = new VBox(6);

    ItemDetail() {
        setId("models-detail");
        setFitToWidth(true);
        box.setPadding(new Insets(8));
        setContent(box);
        show(null, List.of());
    }

    void show(ItemRow row, List<String> models) {
        box.getChildren().clear();
        if (row == null) {
            var none = new Label("Run two or more models on a test set, then pick an item to see its outputs side by side.");
            none.setWrapText(true);
            none.getStyleClass().add(Styles.TEXT_MUTED);
            box.getChildren().add(none);
            return;
        }
        box.getChildren().add(title("Item " + row.id()));
        box.getChildren().add(caption("Input"));
        box.getChildren().add(text(row.prompt()));
        box.getChildren().add(caption("Expected"));
        box.getChildren().add(text(row.expected()));
        String first = models.isEmpty() ? null : models.getFirst();
        for (String model : models) {
            ItemRecord r = row.byModel().get(model);
            if (r == null) {
                continue;
            }
            var head = title(model + "  " + scores(r));
            box.getChildren().add(head);
            if (r.failed()) {
                var err = text("Failed: " + r.error());
                err.getStyleClass().add(Styles.DANGER);
                box.getChildren().add(err);
                continue;
            }
            box.getChildren().add(caption("against the expected output"));
            box.getChildren().add(new DiffView(row.expected(), r.output()));
            if (first != null && !model.equals(first)) {
                ItemRecord base = row.byModel().get(first);
                box.getChildren().add(caption("against " + first));
                box.getChildren().add(new DiffView(base == null ? null : base.output(), r.output()));
            }
            r.notes().forEach((metric, note) -> {
                var n = text(metric + ": " + note);
                n.getStyleClass().add(Styles.TEXT_MUTED);
                box.getChildren().add(n);
            });
        }
    }

    private static String scores(ItemRecord r) {
        if (r.failed()) {
            return "· failed";
        }
        String s = r.scores().entrySet().stream().map(e -> e.getKey() + " " + Formats.metric(e.getValue()))
                .collect(Collectors.joining(" · "));
        return "· " + s + " · " + r.latencyMs() + " ms" + (r.cached() ? " (cached)" : "");
    }
}
