package dev.ragworkbench.progress;

/**
 * Receives progress from long-running core work. Implementations must be cheap and thread-safe: core code
 * calls them from worker threads, often once per item.
 */
@FunctionalInterface
public interface ProgressListener {

    /** {@code done} of {@code total} units of {@code stage} are finished; {@code total} is -1 when unknown. */
    void progress(String stage, long done, long total);

    /** A note worth showing to the user (a skipped file, a warning); the default drops it. */
    default void note(String message) {
    }

    ProgressListener NONE = (stage, done, total) -> { };
}
