package dev.ragworkbench.cli;

/** A quality gate was not met; exits with code 1 and the one-line reason. */
public final class GateFailedException extends RuntimeException {
    public GateFailedException(String message) {
        super(message);
    }
}
