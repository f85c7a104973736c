package dev.ragworkbench;

import dev.ragworkbench.cli.Cli;
import org.slf4j.bridge.SLF4JBridgeHandler;

/** Entry point of the jar: with arguments the command line, without them (later) the desktop window. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // Lucene reports through java.util.logging whether it uses the vector API; route it to our log format.
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        System.exit(Cli.run(args));
    }
}
