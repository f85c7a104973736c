package dev.ragworkbench.ui.tasks;

import dev.ragworkbench.progress.Cancellation;
import dev.ragworkbench.progress.ProgressListener;

/** A piece of core work to run off the FX thread: it reports progress and stops when cancelled. */
@FunctionalInterface
public interface Work<T> {
    T call(ProgressListener progress, Cancellation cancel) throws Exception;
}
