package dev.ragworkbench.cli;

import dev.ragworkbench.ingest.ImportPlan;
import dev.ragworkbench.progress.Cancellation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code import PATH... [--corpus NAME]} and {@code import --retry-failed --corpus NAME}: the Import pane's drop. */
@Command(name = "import", mixinStandardHelpOptions = true, description = {
        "Import files and folders (Markdown, text, PDF, HTML; a .jsonl is a BEIR corpus) into a corpus, as the"
                + " window's Add files…, Add folder… and drop do. Without --corpus each PATH goes into a corpus"
                + " named after it, and several files of one folder into one named after the folder.",
        "With --retry-failed, imports the corpus's source again, as the window's Retry failed files does:"
                + " unchanged files are skipped, the ones that failed are read again.",
        "Files that cannot be read are named with the reason; the rest is imported. No index is built (see"
                + " 'index' and 'indexes rebuild')."})
final class ImportCommand implements Runnable {

    @Mixin
    WorkspaceOptions options;

    @Parameters(paramLabel = "PATH", arity = "0..*", description = "Files or folders (folders are walked recursively).")
    List<Path> paths = List.of();

    @Option(names = "--corpus", paramLabel = "NAME", description = "The corpus to import into (created when new).")
    String corpus;

    @Option(names = "--retry-failed", description = "Import --corpus's source again, to read the files that failed.")
    boolean retryFailed;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        if (retryFailed) {
            if (corpus == null) {
                throw new BadInputException("--retry-failed needs --corpus NAME: the corpus whose failed files to read again");
            }
            if (!paths.isEmpty()) {
                throw new BadInputException("--retry-failed imports the corpus's own source again; name no PATH with it");
            }
        } else if (paths.isEmpty()) {
            throw new BadInputException("name at least one file or folder to import (or --retry-failed --corpus NAME)");
        }
        for (Path p : paths) {
            if (!Files.exists(p)) {
                throw new BadInputException("path " + p + " does not exist");
            }
        }
        var out = spec.commandLine().getOut();
        var progress = new TerminalProgress(spec.commandLine().getErr());
        try (var bench = options.open()) {
            if (retryFailed) {
                var result = bench.retryFailed(corpus, progress, Cancellation.none());
                progress.closeLine();
                out.println(ImportPlan.summary("the failed files of " + corpus, result));
                return;
            }
            var plan = ImportPlan.of(paths, corpus);
            var result = bench.importPaths(plan, progress, Cancellation.none());
            progress.closeLine(); // the importer has already named each skipped file with its reason
            out.println(ImportPlan.summary(plan.label(), result));
        }
    }
}
