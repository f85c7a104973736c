package dev.ragworkbench.index;

/** An index is missing, damaged, or asked to serve with settings it was not built with. */
public final class IndexException extends RuntimeException {
    public IndexException(String message) {
        super(message);
    }

    public IndexException(String message, Throwable cause) {
        super(message, cause);
    }
}
