package dev.ragworkbench.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code indexes delete NAME}: the Indexes tab's Delete…, through the same core call. */
@Command(name = "delete", mixinStandardHelpOptions = true,
        description = "Delete an index: its files and its chunk rows (the documents stay in the workspace).")
final class DeleteIndex implements Runnable {
    @Mixin
    WorkspaceOptions options;
    @Parameters(paramLabel = "NAME", description = "The index to delete ('indexes list' shows the names).")
    String name;
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        try (var bench = options.open()) {
            bench.deleteIndex(name);
            spec.commandLine().getOut().println("Deleted index " + name + ".");
        }
    }
}
