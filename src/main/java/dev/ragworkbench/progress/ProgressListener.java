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

    /**
     * This listener seen by one slice of a larger piece of work: the slice's {@code done} is counted after the
     * {@code before} units done by earlier slices, out of the whole's {@code total}. An index build embeds its
     * chunks a step at a time; with {@code progress.slice(from, chunks)} each step's embedding reads as the
     * build's: {@code embed 96 of 240}, not {@code embed 32 of 32} over and over.
     */
    default ProgressListener slice(long before, long total) {
        ProgressListener whole = this;
        return new ProgressListener() {
            @Override
            public void progress(String stage, long done, long sliceTotal) {
                whole.progress(stage, before + Math.max(0, done), total);
            }

            @Override
            public void note(String message) {
                whole.note(message);
            }
        };
    }
}
