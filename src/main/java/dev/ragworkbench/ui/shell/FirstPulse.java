package dev.ragworkbench.ui.shell;

import javafx.scene.Scene;

/** Runs something once, in the first pulse after a scene was laid out: when its window's first frame is made. */
final class FirstPulse {

    private FirstPulse() {
    }

    /** Runs {@code action} on the FX thread after the next layout pass of {@code scene}, once. */
    static void then(Scene scene, Runnable action) {
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
            scene.removePostLayoutPulseListener(once[0]);
            action.run();
        };
        scene.addPostLayoutPulseListener(once[0]);
    }
}
