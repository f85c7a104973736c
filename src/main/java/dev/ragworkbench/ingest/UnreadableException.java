package dev.ragworkbench.ingest;

/** A source that cannot become a document; the message is the reason shown to the user. */
public final class UnreadableException extends Exception {
    public UnreadableException(String reason) {
        super(reason);
    }

    public UnreadableException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
