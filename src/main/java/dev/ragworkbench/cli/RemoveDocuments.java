package dev.ragworkbench.cli;

import dev.ragworkbench.format.Formats;
import dev.ragworkbench.progress.Cancellation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.List;

/** {@code documents remove --corpus NAME ID...}, through the same core call as the window's Remove…. */
@Command(name = "remove", mixinStandardHelpOptions = true, description = {
        "Remove documents (by id: the path under the imported folder, or the BEIR _id) from a corpus.",
        "Indexes built before keep them until rebuilt ('indexes rebuild NAME')."})
final class RemoveDocuments implements Runnable {
    @Mixin
    WorkspaceOptions options;
    @Option(names = "--corpus", required = true, paramLabel = "NAME", description = "The corpus to remove them from.")
    String corpus;
    @Parameters(paramLabel = "ID", arity = "1..*", description = "Document ids.")
    List<String> ids;
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        try (var bench = options.open()) {
            if (bench.documents().corpus(corpus).isEmpty()) {
                throw new BadInputException("no corpus named '" + corpus + "' in this workspace");
            }
            int removed = bench.removeDocuments(corpus, ids, new TerminalProgress(spec.commandLine().getErr()),
                    Cancellation.none());
            spec.commandLine().getOut().println("Removed " + Formats.counted(removed, "document") + " from " + corpus
                    + (removed < ids.size() ? " (" + Formats.count(ids.size() - removed) + " not found)" : "") + ".");
        }
    }
}
