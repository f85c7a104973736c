package dev.ragworkbench.ui.tasks;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * What to run and what to do afterwards. The callbacks run on the FX thread (on the caller's thread for the
 * same-thread runner). {@code onFinished} runs after success, failure and cancellation alike.
 *
 * @param title      shown in the status bar and in error dialogs, e.g. "Importing papers"
 * @param listed     whether the status bar lists it (quick previews are not listed)
 * @param onFailure  called with the error (not for cancellation); the runner also shows it unless handled
 * @param keptOnClose an essential write, one the user expects kept (grades): closing the runner or the workspace
 *                   waits for it instead of cancelling it
 */
public record TaskRequest<T>(String title, Work<T> work, Consumer<? super T> onSuccess,
                             Consumer<? super Throwable> onFailure, Runnable onFinished, boolean listed,
                             boolean reportErrors, boolean keptOnClose) {

    public TaskRequest {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(work, "work");
        onSuccess = onSuccess == null ? r -> { } : onSuccess;
        onFailure = onFailure == null ? e -> { } : onFailure;
        onFinished = onFinished == null ? () -> { } : onFinished;
    }

    public static <T> TaskRequest<T> of(String title, Work<T> work) {
        return new TaskRequest<>(title, work, null, null, null, true, true, false);
    }

    public TaskRequest<T> onSuccess(Consumer<? super T> action) {
        return new TaskRequest<>(title, work, action, onFailure, onFinished, listed, reportErrors, keptOnClose);
    }

    public TaskRequest<T> onFailure(Consumer<? super Throwable> action) {
        return new TaskRequest<>(title, work, onSuccess, action, onFinished, listed, reportErrors, keptOnClose);
    }

    public TaskRequest<T> onFinished(Runnable action) {
        return new TaskRequest<>(title, work, onSuccess, onFailure, action, listed, reportErrors, keptOnClose);
    }

    /** Not listed in the status bar: for quick, frequently replaced work such as a chunking preview. */
    public TaskRequest<T> unlisted() {
        return new TaskRequest<>(title, work, onSuccess, onFailure, onFinished, false, reportErrors, keptOnClose);
    }

    /** Kept to its end when the window or the workspace closes (see {@link FxTaskRunner#awaitEssential}). */
    public TaskRequest<T> essential() {
        return new TaskRequest<>(title, work, onSuccess, onFailure, onFinished, listed, reportErrors, true);
    }

    /** Errors go to {@link #onFailure} only, no dialog: for work whose view shows the error itself. */
    public TaskRequest<T> silentErrors() {
        return new TaskRequest<>(title, work, onSuccess, onFailure, onFinished, listed, false, keptOnClose);
    }
}
