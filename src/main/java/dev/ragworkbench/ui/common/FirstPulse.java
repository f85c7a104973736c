package dev.ragworkbench.ui.common;

import javafx.application.Platform;
import javafx.scene.Scene;

/** Runs something once, in the first pulse after a scene was laid out: when its window's next frame is made. */
public final class FirstPulse {

    private FirstPulse() {
    }

    /** Runs {@code action} on the FX thread after the next layout pass of {@code scene}, once. */
    public static void then(Scene scene, Runnable action) {
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
            scene.removePostLayoutPulseListener(once[0]);
            action.run();
        };
        scene.addPostLayoutPulseListener(once[0]);
    }

    /**
     * Runs {@code action} on the FX thread once the pulse that lays out {@code scene} has ended (at once when
     * there is no scene), and asks for that pulse: a scene with nothing to lay out would otherwise not pulse.
     */
    public static void afterNext(Scene scene, Runnable action) {
        if (scene == null) {
            action.run();
            return;
        }
        then(scene, () -> Platform.runLater(action));
        Platform.requestNextPulse();
    }
}
