package dev.ragworkbench.cli;

import picocli.CommandLine.Command;

/** {@code indexes list | rebuild NAME | delete NAME}: the Import pane's Indexes tab. */
@Command(name = "indexes", mixinStandardHelpOptions = true, description = "List, rebuild or delete the workspace's indexes.",
        subcommands = {ListIndexes.class, RebuildIndex.class, DeleteIndex.class})
final class IndexesCommand {
}
