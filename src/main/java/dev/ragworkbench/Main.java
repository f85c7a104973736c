package dev.ragworkbench;

import dev.ragworkbench.cli.Cli;

/** Entry point of the jar: with arguments the command line, without them (later) the desktop window. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(Cli.run(args));
    }
}
