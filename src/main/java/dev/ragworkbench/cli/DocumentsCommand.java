package dev.ragworkbench.cli;

import picocli.CommandLine.Command;

/** {@code documents remove --corpus NAME ID...}: the Documents tab's Remove…. */
@Command(name = "documents", mixinStandardHelpOptions = true, description = "Remove documents from a corpus.",
        subcommands = {RemoveDocuments.class})
final class DocumentsCommand {
}
