package dev.ragworkbench.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code models remove}: see {@link ModelsCommand}. */
@Command(name = "remove", mixinStandardHelpOptions = true,
        description = "Remove a chat model from the workspace (runs that used it keep their records).")
final class RemoveModel implements Runnable {
    @Mixin
    WorkspaceOptions options;
    @Spec
    CommandSpec spec;
    @Parameters(paramLabel = "NAME", description = "The model.")
    String name;

    @Override
    public void run() {
        try (var bench = options.open()) {
            bench.chatModels().get(name); // says which names there are when it is not one
            bench.chatModels().remove(name);
            spec.commandLine().getOut().println("Removed model " + name + ".");
        }
    }
}
