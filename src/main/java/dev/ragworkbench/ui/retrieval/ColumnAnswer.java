package dev.ragworkbench.ui.retrieval;

import dev.ragworkbench.experiment.HitAnswers;
import dev.ragworkbench.format.Errors;
import dev.ragworkbench.progress.Cancellation;
import dev.ragworkbench.ui.tasks.TaskHandle;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.util.Locale;

/**
 * What one column's answer shows: nothing, the text growing as the model streams it, then the latency and
 * tokens, or why it failed in words. Each asking has its own cancellation, so a new query or a new result of the
 * column stops the call and no late piece of it lands in the next answer. Changed on the FX thread only.
 */
public final class ColumnAnswer {

    /** STOPPED: the user stopped it, keeping what had arrived; FAILED: the call failed, or could not be made. */
    public enum State { NONE, ASKING, ANSWERED, STOPPED, FAILED }

    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.NONE);
    private final ReadOnlyStringWrapper model = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private Asking asking;

    /**
     * One call: cancelled by the pane before its task started, or through the task runner's cancellation (which
     * the core reads) once it has, so that closing the runner stops it too.
     */
    final class Asking {
        private volatile boolean cancelled;
        private volatile Cancellation work;
        TaskHandle handle = TaskHandle.DONE;

        /** The cancellation the core call reads: the task's own, cancelled already when the pane cancelled. */
        Cancellation started(Cancellation task) {
            work = task;
            if (cancelled) {
                task.cancel();
            }
            task.check();
            return task;
        }

        void cancel() {
            cancelled = true;
            Cancellation w = work;
            if (w != null) {
                w.cancel();
            }
            handle.cancel();
        }

        /** Whether this is still the column's call: its pieces and its end are shown, a stale one's dropped. */
        boolean current() {
            return asking == this && !cancelled;
        }

        void piece(String piece) {
            if (current()) {
                text.set(text.get() + piece);
            }
        }

        void done(HitAnswers.Answer answer) {
            if (current()) {
                show(answer);
            }
        }

        void failed(Throwable e) {
            if (current()) {
                state.set(State.FAILED);
                status.set("Cannot answer: " + Errors.sentence(e));
            }
        }
    }

    /** Cancels any call in flight and starts showing a new one of {@code modelName}. */
    Asking start(String modelName) {
        clear();
        asking = new Asking();
        model.set(modelName);
        state.set(State.ASKING);
        status.set("Asking " + modelName + "…");
        return asking;
    }

    /** Stops the call in flight, if any, and shows nothing. */
    void clear() {
        if (asking != null) {
            asking.cancel();
            asking = null;
        }
        state.set(State.NONE);
        model.set("");
        text.set("");
        status.set("");
    }

    /** Stops the call in flight, keeping the text received so far. */
    void stop() {
        if (asking != null && state.get() == State.ASKING) {
            asking.cancel();
            asking = null;
            state.set(State.STOPPED);
            status.set("Stopped.");
        }
    }

    private void show(HitAnswers.Answer answer) {
        if (answer.ok()) {
            var r = answer.reply();
            text.set(r.text()); // the whole reply: a stream retried after a cut would have repeated its start
            state.set(State.ANSWERED);
            String tokens = r.inputTokens() < 0 ? "" : String.format(Locale.ROOT, " · %,d tokens in, %,d out",
                    r.inputTokens(), r.outputTokens());
            status.set(r.cached()
                    ? String.format(Locale.ROOT, "From the call cache (first answered in %,d ms)%s", r.latencyMs(), tokens)
                    : String.format(Locale.ROOT, "Answered in %,d ms%s", r.latencyMs(), tokens));
        } else {
            state.set(State.FAILED);
            String reason = answer.reason() == null || answer.reason().isBlank()
                    ? answer.failure().name().toLowerCase(Locale.ROOT).replace('_', ' ') : answer.reason();
            status.set(Character.toUpperCase(reason.charAt(0)) + reason.substring(1)
                       + (reason.endsWith(".") || reason.endsWith("?") ? "" : "."));
        }
    }

    // ---- state

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** The model asked (empty when none). */
    public ReadOnlyStringProperty modelProperty() {
        return model.getReadOnlyProperty();
    }

    /** The answer's text: as much as has arrived while asking, the whole reply once answered. */
    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    /** "Asking …", "Answered in 812 ms · 120 tokens in, 14 out", or the failure's reason as a sentence. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }
}
