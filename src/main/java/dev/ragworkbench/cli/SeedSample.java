package dev.ragworkbench.cli;

import dev.ragworkbench.format.Formats;
import dev.ragworkbench.progress.Cancellation;
import dev.ragworkbench.sample.SampleWorkspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code workspace seed-sample [--no-index]}: the sample the window puts in a new workspace. */
@Command(name = "seed-sample", mixinStandardHelpOptions = true, description = {
        "Put the sample in the workspace, as the window does on its first start: 24 COVID-QA articles (18 Markdown,"
                + " 6 PDF) as corpus " + SampleWorkspace.CORPUS + ", their 218 questions as a golden set, and an"
                + " index (recursive chunks, the default embedder).",
        "Seeding again re-imports nothing that is unchanged."})
final class SeedSample implements Runnable {
    @Mixin
    WorkspaceOptions options;
    @Option(names = "--no-index", description = "Import the documents and the golden set only; build no index.")
    boolean noIndex;
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        var out = spec.commandLine().getOut();
        var progress = new TerminalProgress(spec.commandLine().getErr());
        try (var bench = options.open()) {
            var golden = bench.seedSample(progress, Cancellation.none());
            progress.closeLine();
            out.println("Sample corpus " + SampleWorkspace.CORPUS + ": "
                        + Formats.counted(bench.documents().count(SampleWorkspace.CORPUS), "document")
                        + "; golden set " + golden.name() + ": " + Formats.counted(golden.size(), "query") + ".");
            if (!noIndex) {
                var info = bench.buildSampleIndex(progress, Cancellation.none());
                progress.closeLine();
                out.println("Indexed the sample as " + Formats.counted(info.chunks(), "chunk") + ".");
                out.println(info.name());
            }
        }
    }
}
