package dev.ragworkbench.progress;

/** Thrown by core work that stopped because it was cancelled; nothing half-done is left behind. */
public final class CancelledException extends RuntimeException {
    public CancelledException() {
        super("cancelled");
    }
}
