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
        if (opensWindow(args)) {
            dev.ragworkbench.ui.shell.DesktopLauncher.launch(args);
            return;
        }
        System.exit(Cli.run(args));
    }

    /** No arguments, or only {@code --workspace DIR} / {@code --workspace=DIR}: the user wants the window. */
    static boolean opensWindow(String[] args) {
        return args.length == 0
               || args.length == 1 && args[0].startsWith("--workspace=")
               || args.length == 2 && args[0].equals("--workspace");
    }
}
