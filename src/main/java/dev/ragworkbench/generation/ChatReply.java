package dev.ragworkbench.generation;

/**
 * A chat model's answer to one {@link ChatRequest}, with what it cost. Token counts are -1 when the provider did
 * not report them; {@code cached} is true when the answer came from the workspace's call cache.
 */
public record ChatReply(String text, int inputTokens, int outputTokens, long latencyMs, boolean cached) {

    public ChatReply {
        if (text == null) {
            throw new IllegalArgumentException("a chat reply has text (possibly empty)");
        }
    }

    public ChatReply asCached() {
        return new ChatReply(text, inputTokens, outputTokens, latencyMs, true);
    }
}
