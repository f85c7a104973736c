package dev.ragworkbench.ui.shell;

import javafx.application.Application;

import java.util.List;

/** Starts the window; {@code Main} calls this so that only the ui package touches JavaFX. */
public final class DesktopLauncher {

    private DesktopLauncher() {
    }

    /** Blocks until the window is closed. */
    public static void launch(String[] args) {
        // the workspace opens while the toolkit starts; the window takes it when it gets there
        WorkspacePreload.begin(AppConfig.fromArgs(List.of(args)).initialWorkspace());
        Application.launch(DesktopApp.class, args);
    }
}
