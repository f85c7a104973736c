package dev.ragworkbench.cli;

import dev.ragworkbench.app.Workbench;
import dev.ragworkbench.index.IndexInfo;
import dev.ragworkbench.index.Indexes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.ArrayList;
import java.util.List;

/** {@code indexes list} and {@code indexes delete NAME}. */
@Command(name = "indexes", mixinStandardHelpOptions = true, description = "List or delete the workspace's indexes.",
        subcommands = {IndexesCommand.ListIndexes.class, IndexesCommand.DeleteIndex.class})
final class IndexesCommand {

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List indexes with their settings, size, documents and chunks.")
    static final class ListIndexes implements Runnable {
        @Mixin
        WorkspaceOptions options;
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            try (var bench = options.open()) {
                var ws = bench.workspace();
                List<IndexInfo> all = bench.indexes().list();
                if (all.isEmpty()) {
                    spec.commandLine().getOut().println("No indexes yet in " + ws.root() + ".");
                    return;
                }
                var rows = new ArrayList<List<String>>();
                rows.add(List.of("name", "corpus", "chunker", "embedder", "documents", "chunks", "size", "built"));
                for (IndexInfo i : all) {
                    var s = i.settings();
                    rows.add(List.of(s.name(), s.corpus(), s.chunker(), s.embedder(),
                            Integer.toString(i.documents()), Integer.toString(i.chunks()),
                            Format.bytes(i.sizeBytes()), Format.instant(i.builtAt())));
                }
                spec.commandLine().getOut().print(Format.table(rows, 4, 5, 6));
            }
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete an index (the documents stay in the workspace).")
    static final class DeleteIndex implements Runnable {
        @Mixin
        WorkspaceOptions options;
        @Parameters(paramLabel = "NAME", description = "The index to delete.")
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
}
