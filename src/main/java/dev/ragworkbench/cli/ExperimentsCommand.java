package dev.ragworkbench.cli;

import picocli.CommandLine.Command;

/** {@code experiments list}: the experiments of the workspace. */
@Command(name = "experiments", mixinStandardHelpOptions = true, description = "List experiments with their runs.",
        subcommands = {ListExperiments.class})
final class ExperimentsCommand {
}
