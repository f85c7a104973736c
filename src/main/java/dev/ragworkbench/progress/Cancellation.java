package dev.ragworkbench.progress;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A cancellation flag shared between whoever started a piece of work and the work itself. Core loops call
 * {@link #check()} between items, so cancelling stops them at the next item boundary.
 */
public final class Cancellation {

    private final AtomicBoolean cancelled = new AtomicBoolean();

    public static Cancellation none() {
        return new Cancellation();
    }

    public void cancel() {
        cancelled.set(true);
    }

    public boolean isCancelled() {
        return cancelled.get() || Thread.currentThread().isInterrupted();
    }

    /** Throws {@link CancelledException} once cancelled. */
    public void check() {
        if (isCancelled()) {
            throw new CancelledException();
        }
    }
}
