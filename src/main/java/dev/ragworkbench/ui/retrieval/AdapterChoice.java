package dev.ragworkbench.ui.retrieval;

import dev.ragworkbench.experiment.FineTuning;
import dev.ragworkbench.format.Formats;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.InvalidationListener;
import javafx.collections.ListChangeListener;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Tooltip;
import javafx.util.StringConverter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A column's embedder choice: the index's embedder as it is, or with one of the workspace's adapters trained on
 * that embedder's vectors (runs of kind {@code adapter}, as {@code finetune} or the Models pane made them).
 */
final class AdapterChoice {

    /** The combo's item for "no adapter" (a combo item cannot be null). */
    static final String NONE = "";

    private AdapterChoice() {
    }

    /** Whether the column's retriever uses query vectors, so an adapter applies. */
    static BooleanBinding applies(ColumnViewModel vm) {
        return Bindings.createBooleanBinding(() -> vm.kindProperty().get() != null
                && vm.kindProperty().get().needsVectors(), vm.kindProperty());
    }

    static ComboBox<String> combo(ColumnViewModel vm, String id) {
        var box = new ComboBox<String>();
        box.setId(id);
        box.setMaxWidth(Double.MAX_VALUE);
        box.setTooltip(new Tooltip("Put the query vectors through an adapter trained on this index's embedder "
                + "(Models pane, Fine-tune embedder; or the finetune command)"));
        Map<String, FineTuning.AdapterSummary> byId = new LinkedHashMap<>();
        boolean[] filling = {false}; // the combo's value flickers while its items are replaced: not a choice
        box.setConverter(new StringConverter<>() {
            @Override
            public String toString(String runId) {
                if (runId == null || runId.equals(NONE)) {
                    return "none";
                }
                var a = byId.get(runId);
                return a == null ? runId : runId + " · " + a.evalSet()
                        + (Double.isNaN(a.validation()) ? "" : " · val " + Formats.metric(a.validation()));
            }

            @Override
            public String fromString(String s) {
                return s;
            }
        });
        InvalidationListener refill = o -> {
            String embedder = vm.parent().embedderOf(vm.indexProperty().get());
            byId.clear();
            var items = new ArrayList<String>();
            items.add(NONE);
            for (var a : vm.parent().adapters().list()) {
                if (embedder == null || embedder.equals(a.embedder())) {
                    byId.put(a.runId(), a);
                    items.add(a.runId());
                }
            }
            String chosen = vm.adapterProperty().get();
            if (chosen != null && !items.contains(chosen)) {
                items.add(chosen); // a saved choice whose run is gone or not listed yet: the search will say
            }
            filling[0] = true;
            try {
                box.getItems().setAll(items);
                box.setValue(chosen == null ? NONE : chosen);
            } finally {
                filling[0] = false;
            }
        };
        vm.parent().adapters().list().addListener((ListChangeListener<FineTuning.AdapterSummary>) c -> refill.invalidated(null));
        vm.parent().indexes().addListener((ListChangeListener<String>) c -> refill.invalidated(null));
        vm.indexProperty().addListener(refill);
        vm.adapterProperty().addListener((o, was, now) -> box.setValue(now == null ? NONE : now));
        box.valueProperty().addListener((o, was, now) -> {
            String runId = now == null || now.equals(NONE) ? null : now;
            if (!filling[0] && !Objects.equals(runId, vm.adapterProperty().get())) {
                vm.adapterProperty().set(runId);
            }
        });
        refill.invalidated(null);
        return box;
    }
}
