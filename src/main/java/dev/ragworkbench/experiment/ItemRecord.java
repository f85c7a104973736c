package dev.ragworkbench.experiment;

import dev.ragworkbench.generation.ChatFailure;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What one model did with one test-set item: the prompt it got, its output (null when the call failed for
 * good), the failure's reason and kind, tokens (-1 when not reported), latency, whether the answer came from the
 * call cache, and its scores by metric (only the metrics that could score it) with the notes some metrics leave
 * ("the output is not JSON: …").
 */
public record ItemRecord(String id, String prompt, String expected, String output, String error,
                         ChatFailure.Kind errorKind, int inputTokens, int outputTokens, long latencyMs,
                         boolean cached, Map<String, Double> scores, Map<String, String> notes) {

    public ItemRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(expected, "expected");
        if ((output == null) == (error == null)) {
            throw new IllegalArgumentException("item " + id + " has either an output or an error");
        }
        scores = Collections.unmodifiableMap(new LinkedHashMap<>(scores));
        notes = Collections.unmodifiableMap(new LinkedHashMap<>(notes));
    }

    public boolean failed() {
        return output == null;
    }

    public ItemRecord withScores(Map<String, Double> newScores, Map<String, String> newNotes) {
        return new ItemRecord(id, prompt, expected, output, error, errorKind, inputTokens, outputTokens, latencyMs,
                cached, newScores, newNotes);
    }
}
