package dev.ragworkbench.cli;

import dev.ragworkbench.app.Workbench;
import dev.ragworkbench.workspace.Workspace;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Options every command shares. */
final class WorkspaceOptions {

    @Option(names = "--workspace", paramLabel = "DIR",
            description = "Workspace folder (default: ${DEFAULT-VALUE}).")
    Path workspace = Workspace.defaultLocation();

    @Option(names = "--verbose", description = "Show stack traces and debug output.")
    boolean verbose;

    /** The composition root on the chosen workspace: every command takes its stores from it. */
    Workbench open() {
        return Workbench.open(workspace);
    }
}
