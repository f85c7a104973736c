package dev.ragworkbench.ui.models;

import dev.ragworkbench.evaluation.SquadText;
import dev.ragworkbench.experiment.ItemRecord;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One test-set item across the models of a comparison: its prompt, expected output and each model's record (by
 * model name, in run order). {@code flipped} says whether it flipped on a pass/fail metric between the first
 * model and another.
 */
public record ItemRow(String id, String prompt, String expected, Map<String, ItemRecord> byModel, boolean flipped) {

    public ItemRow {
        byModel = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byModel));
    }

    /** Whether any model's call failed for good. */
    public boolean anyFailed() {
        return byModel.values().stream().anyMatch(ItemRecord::failed);
    }

    /** Whether the models said different things (after SQuAD's normalisation), or one failed and another not. */
    public boolean modelsDiffer() {
        Set<String> outputs = new java.util.HashSet<>();
        for (ItemRecord r : byModel.values()) {
            outputs.add(r.failed() ? "\u0000failed" : SquadText.normalize(r.output()));
        }
        return outputs.size() > 1;
    }

    /** {@code model}'s score on {@code metric}, or null when it has none (failed, or not scored). */
    public Double score(String model, String metric) {
        ItemRecord r = byModel.get(model);
        return r == null ? null : r.scores().get(metric);
    }
}
