package dev.ragworkbench.cli;

import dev.ragworkbench.format.Formats;
import dev.ragworkbench.progress.Cancellation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.util.Locale;

/** {@code indexes rebuild NAME}: the Indexes tab's Rebuild, through the same core call. */
@Command(name = "rebuild", mixinStandardHelpOptions = true, description = {
        "Build an index again with its own settings, over its corpus as it is now (after an import or a removal).",
        "Cached embeddings make this quick. Prints the index's name last."})
final class RebuildIndex implements Runnable {
    @Mixin
    WorkspaceOptions options;
    @Parameters(paramLabel = "NAME", description = "The index to rebuild ('indexes list' shows the names).")
    String name;
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        var out = spec.commandLine().getOut();
        var progress = new TerminalProgress(spec.commandLine().getErr());
        try (var bench = options.open()) {
            long start = System.nanoTime();
            var info = bench.rebuildIndex(name, progress, Cancellation.none());
            progress.closeLine();
            out.printf(Locale.ROOT, "Rebuilt index from %s as %s in %s.%n", Formats.counted(info.documents(), "document"),
                    Formats.counted(info.chunks(), "chunk"), Formats.duration(Duration.ofNanos(System.nanoTime() - start)));
            out.println(info.name());
        }
    }
}
