package dev.ragworkbench.evaluation;

import dev.ragworkbench.generation.ChatMessage;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One item of a {@link TestSet}: what the model is asked and what it should answer.
 *
 * @param id          the item's id (the file's {@code id}, else its line number), unique in its set
 * @param instruction Alpaca's {@code instruction}; for a chat item, the text of its last user message
 * @param input       Alpaca's optional {@code input}; empty when absent (and for chat items)
 * @param expected    the expected output: Alpaca's {@code output}, or a chat item's last assistant message
 * @param history     a chat item's messages before its last user message (system prompt, earlier turns); empty
 *                    for Alpaca items
 */
public record TestItem(String id, String instruction, String input, String expected, List<ChatMessage> history) {

    public TestItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(instruction, "instruction");
        input = input == null ? "" : input;
        Objects.requireNonNull(expected, "expected");
        history = List.copyOf(history);
    }

    public static TestItem alpaca(String id, String instruction, String input, String expected) {
        return new TestItem(id, instruction, input, expected, List.of());
    }

    /**
     * The values a prompt template's placeholders take for this item: {@code instruction} and {@code input}.
     * Sources of other kinds (an eval set's {@code question} and {@code context}) give their own.
     */
    public Map<String, String> variables() {
        return Map.of("instruction", instruction, "input", input);
    }
}
