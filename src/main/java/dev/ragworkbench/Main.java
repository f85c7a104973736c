package dev.ragworkbench;

import dev.ragworkbench.cli.Cli;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Entry point of the jar: without arguments (or with only {@code --workspace DIR}) the desktop window, otherwise
 * the command line.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // Lucene reports through java.util.logging whether it uses the vector API; route it to our log format.
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        ProcessExit.onSignals();
        if (opensWindow(args)) {
            try {
                dev.ragworkbench.ui.shell.DesktopLauncher.launch(args);
            } finally {
                // The window is closed, but a task thread may still be loading a model: the JVM's exit, which
                // follows main's return, must not begin under it.
                ProcessExit.stop();
            }
            return;
        }
        int code;
        try {
            code = Cli.run(args);
        } catch (RuntimeException | Error e) {
            ProcessExit.stop();
            throw e;
        }
        ProcessExit.exit(code);
    }

    /** No arguments, or only {@code --workspace DIR} / {@code --workspace=DIR}: the user wants the window. */
    static boolean opensWindow(String[] args) {
        return args.length == 0
               || args.length == 1 && args[0].startsWith("--workspace=")
               || args.length == 2 && args[0].equals("--workspace");
    }
}
