package dev.ragworkbench.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the command line in-process, as the CLI tests do. */
final class CliTestSupport {

    private CliTestSupport() {
    }

    static CliTest.Result run(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        int exit = Cli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new CliTest.Result(exit, out.toString(), err.toString());
    }
}
