package dev.ragworkbench.ui.common;

import javafx.animation.PauseTransition;
import javafx.util.Duration;

/** Runs only the last of a burst of requests: the FX version waits for a quiet spell, the test one runs at once. */
public interface Debouncer {

    void request(Runnable action);

    static Debouncer immediate() {
        return Runnable::run;
    }

    /** Waits {@code millis} after the last request on the FX thread, then runs it. */
    static Debouncer fx(double millis) {
        var pause = new PauseTransition(Duration.millis(millis));
        return action -> {
            pause.setOnFinished(e -> action.run());
            pause.playFromStart();
        };
    }
}
