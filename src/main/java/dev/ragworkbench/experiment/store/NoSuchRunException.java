package dev.ragworkbench.experiment.store;

/** A run id that is not in the store (mistyped, or deleted meanwhile). */
public final class NoSuchRunException extends IllegalArgumentException {

    private final String runId;

    public NoSuchRunException(String runId) {
        super("no run '" + runId + "' in this workspace");
        this.runId = runId;
    }

    public String runId() {
        return runId;
    }
}
