package dev.ragworkbench.ui.shell;

import dev.ragworkbench.workspace.Workspace;

import java.nio.file.Path;
import java.util.List;

/**
 * How the window starts.
 *
 * @param workspace        the workspace to open, or null for the last one (else the default location)
 * @param settings         where window state is remembered
 * @param seedSample       whether a new workspace gets the sample corpus
 * @param buildSampleIndex whether seeding also builds the sample's index (embeds every chunk)
 */
public record AppConfig(Path workspace, UiSettings settings, boolean seedSample, boolean buildSampleIndex) {

    /** The workspace the window opens: the one asked for, else the last one, else the default location. */
    public Path initialWorkspace() {
        return workspace != null ? workspace
                : settings.recentWorkspaces().stream().findFirst().orElse(Workspace.defaultLocation());
    }

    /** From the command line: {@code --workspace DIR} or {@code --workspace=DIR}. */
    public static AppConfig fromArgs(List<String> args) {
        Path workspace = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--workspace") && i + 1 < args.size()) {
                workspace = Path.of(args.get(++i));
            } else if (a.startsWith("--workspace=")) {
                workspace = Path.of(a.substring("--workspace=".length()));
            }
        }
        return new AppConfig(workspace, UiSettings.user(), true, true);
    }
}
