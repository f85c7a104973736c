package dev.ragworkbench.cli;

/** The user's input cannot be used (a missing file, a malformed line); exits with code 2. */
public final class BadInputException extends RuntimeException {
    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
