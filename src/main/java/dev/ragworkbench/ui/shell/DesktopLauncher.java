package dev.ragworkbench.ui.shell;

import javafx.application.Application;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Starts the window; {@code Main} calls this so that only the ui package touches JavaFX. */
public final class DesktopLauncher {

    // java.util.logging holds loggers weakly: this keeps the level set below alive
    private static Logger luceneVectorization;

    private DesktopLauncher() {
    }

    /** Blocks until the window is closed. */
    public static void launch(String[] args) {
        StartupProbe.mark("main");
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            // The launcher starts the window without the incubator module on purpose (it would keep the AOT cache
            // from holding the module graph; see the launcher script), so Lucene's advice to add it is noise here.
            luceneVectorization = Logger.getLogger("org.apache.lucene.internal.vectorization");
            luceneVectorization.setLevel(Level.SEVERE);
        }
        // the workspace opens while the toolkit starts; the window takes it when it gets there
        WorkspacePreload.begin(AppConfig.fromArgs(List.of(args)).initialWorkspace());
        Application.launch(DesktopApp.class, args);
    }
}
