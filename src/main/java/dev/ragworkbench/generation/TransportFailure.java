package dev.ragworkbench.generation;

import java.time.Duration;

/**
 * One attempt's failure as the transport saw it: its kind, the exact reason (no key in it), whether another
 * attempt could succeed, and the wait the server asked for. Thrown through LangChain4j, found again in the
 * cause chain of whatever it wraps it in.
 */
final class TransportFailure extends RuntimeException {

    final ChatFailure.Kind kind;
    final boolean retryable;
    /** The server's {@code Retry-After}, or null. */
    final Duration retryAfter;

    TransportFailure(ChatFailure.Kind kind, String reason, boolean retryable, Duration retryAfter, Throwable cause) {
        super(reason, cause, false, false);
        this.kind = kind;
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    TransportFailure(ChatFailure.Kind kind, String reason, boolean retryable) {
        this(kind, reason, retryable, null, null);
    }

    ChatFailure toChatFailure(String reason) {
        return new ChatFailure(kind, reason);
    }

    /** The transport failure in {@code t}'s cause chain, or null. */
    static TransportFailure in(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof TransportFailure f) {
                return f;
            }
            for (Throwable s : c.getSuppressed()) {
                if (s instanceof TransportFailure f) {
                    return f;
                }
            }
        }
        return null;
    }
}
