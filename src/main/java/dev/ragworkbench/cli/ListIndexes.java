package dev.ragworkbench.cli;

import dev.ragworkbench.format.TextTable;

import dev.ragworkbench.format.Formats;
import dev.ragworkbench.index.IndexInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;

/** {@code indexes list}: the Import pane's Indexes tab. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List indexes with their settings, size, documents and chunks.")
final class ListIndexes implements Runnable {
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
                        Formats.count(i.documents()), Formats.count(i.chunks()),
                        Formats.bytes(i.sizeBytes()), Formats.instant(i.builtAt())));
            }
            spec.commandLine().getOut().print(TextTable.of(rows, 4, 5, 6));
        }
    }
}
