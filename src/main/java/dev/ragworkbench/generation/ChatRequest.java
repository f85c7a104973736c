package dev.ragworkbench.generation;

import java.util.List;
import java.util.Objects;

/**
 * One call to a chat model: the messages, and the id of the item (test-set item, eval-set query) it answers.
 * The item id lets a predictions file answer without a model, and is part of the cache key.
 */
public record ChatRequest(String itemId, List<ChatMessage> messages) {

    public ChatRequest {
        Objects.requireNonNull(itemId, "itemId");
        messages = List.copyOf(messages);
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a chat request needs at least one message");
        }
    }

    public static ChatRequest of(String itemId, String prompt) {
        return new ChatRequest(itemId, List.of(ChatMessage.user(prompt)));
    }
}
