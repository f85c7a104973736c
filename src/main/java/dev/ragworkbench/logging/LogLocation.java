package dev.ragworkbench.logging;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The folder where an installed RAG Workbench writes its log files: the OS's usual place for an application's logs.
 * Linux {@code $XDG_STATE_HOME/RAGWorkbench/logs} (default {@code ~/.local/state}), macOS
 * {@code ~/Library/Logs/RAGWorkbench}, Windows {@code %LOCALAPPDATA%\RAGWorkbench\logs}.
 * <p>
 * {@link LogbackSetup} writes there only when the launcher says the app runs installed
 * ({@code -Dragworkbench.installed=true}); a run from the build folder logs to stderr only.
 */
public final class LogLocation {

    private LogLocation() {
    }

    /** The log folder of this machine's OS and user. */
    public static Path current() {
        return directory(System.getProperty("os.name", ""), System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /** The log folder for an OS named {@code osName}, given the environment and the user's home. */
    public static Path directory(String osName, Map<String, String> env, Path home) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            String local = env.get("LOCALAPPDATA");
            Path base = local != null && !local.isBlank() ? Path.of(local) : home.resolve("AppData").resolve("Local");
            return base.resolve("RAGWorkbench").resolve("logs");
        }
        if (os.contains("mac")) {
            return home.resolve("Library").resolve("Logs").resolve("RAGWorkbench");
        }
        String state = env.get("XDG_STATE_HOME");
        Path base = state != null && !state.isBlank() ? Path.of(state) : home.resolve(".local").resolve("state");
        return base.resolve("RAGWorkbench").resolve("logs");
    }
}
