package dev.ragworkbench.generation;

import dev.ragworkbench.progress.Cancellation;

/**
 * A chat model ready to answer: an endpoint behind its limits, retries, breaker and cache, or a predictions file.
 * Safe to call from several threads at once; the client itself keeps to the model's concurrency limit.
 */
public interface ChatClient extends AutoCloseable {

    /** The stored model's name (or the inline spec's), as runs record it. */
    String modelName();

    /** How many calls the model takes at once; callers may submit more, the client queues them. */
    int concurrency();

    /**
     * Answers one request, blocking until the answer or a final failure. Cancelling stops the call (and any
     * retries still to come) with a {@link ChatFailure} of kind {@code CANCELLED}.
     */
    ChatReply chat(ChatRequest request, Cancellation cancel) throws ChatFailure;

    @Override
    default void close() {
    }
}
