package dev.ragworkbench.generation;

import dev.ragworkbench.progress.Cancellation;

import java.util.function.Consumer;

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

    /**
     * {@link #chat}, passing the answer's text to {@code partial} piece by piece as it arrives (on the calling
     * thread), for a pane or terminal to show it growing. Clients that cannot stream pass it whole, once.
     */
    default ChatReply stream(ChatRequest request, Cancellation cancel, Consumer<String> partial) throws ChatFailure {
        ChatReply reply = chat(request, cancel);
        partial.accept(reply.text());
        return reply;
    }

    @Override
    default void close() {
    }
}
