package dev.ragworkbench.cli;

import picocli.CommandLine.Command;

/** {@code workspace seed-sample}: what the window does to a new workspace. */
@Command(name = "workspace", mixinStandardHelpOptions = true, description = "Set up a workspace.",
        subcommands = {SeedSample.class})
final class WorkspaceCommand {
}
