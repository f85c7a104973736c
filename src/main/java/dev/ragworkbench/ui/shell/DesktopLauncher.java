package dev.ragworkbench.ui.shell;

import javafx.application.Application;

/** Starts the window; {@code Main} calls this so that only the ui package touches JavaFX. */
public final class DesktopLauncher {

    private DesktopLauncher() {
    }

    /** Blocks until the window is closed. */
    public static void launch(String[] args) {
        Application.launch(DesktopApp.class, args);
    }
}
