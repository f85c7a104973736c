package dev.ragworkbench.cli;

import dev.ragworkbench.app.Workbench;
import dev.ragworkbench.chunking.ChunkerSpec;
import dev.ragworkbench.embedding.Embedders;
import dev.ragworkbench.index.TextAnalyzers;
import dev.ragworkbench.format.Formats;
import dev.ragworkbench.ingest.ImportFormat;
import dev.ragworkbench.ingest.ImportPlan;
import dev.ragworkbench.ingest.Importer;
import dev.ragworkbench.progress.Cancellation;
import dev.ragworkbench.progress.ThrottledProgress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/** {@code index}: import a corpus into the workspace, then chunk, embed and index it. */
@Command(name = "index", mixinStandardHelpOptions = true, description = {
        "Import a corpus (a folder of files, a file, or a BEIR corpus.jsonl) and build its index.",
        "Prints the index's name last."})
final class IndexCommand implements Runnable {

    @Mixin
    WorkspaceOptions options;

    @Option(names = "--corpus", required = true, paramLabel = "PATH",
            description = "A folder (walked recursively), a file, or a BEIR corpus.jsonl.")
    Path corpus;

    @Option(names = "--format", paramLabel = "beir|files",
            description = "How to read PATH; detected when omitted (a .jsonl file is BEIR).")
    String format;

    @Option(names = "--name", paramLabel = "CORPUS",
            description = "Corpus name (default: derived from PATH, e.g. 'scifact' for scifact/corpus.jsonl).")
    String corpusName;

    @Option(names = "--chunker", paramLabel = "SPEC", defaultValue = "none",
            description = "none (default), fixed:size=200,overlap=40, recursive:size=512, markdown, "
                    + "semantic:percentile=90.")
    String chunker;

    @Option(names = "--embedder", paramLabel = "NAME|none", defaultValue = Embedders.DEFAULT,
            description = "An embedding model (default ${DEFAULT-VALUE}; also all-minilm-l6-v2-q, bge-small-en-v1.5-q, "
                    + "or a folder with model.onnx and tokenizer.json), or none for a BM25-only index.")
    String embedder;

    @Option(names = "--analyzer", paramLabel = "NAME", defaultValue = TextAnalyzers.DEFAULT,
            description = "Analyzer of the BM25 field: english (default) or standard.")
    String analyzer;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        if (!Files.exists(corpus)) {
            throw new BadInputException("corpus path " + corpus + " does not exist");
        }
        var chunkerSpec = ChunkerSpec.parse(chunker);
        TextAnalyzers.create(analyzer); // fail on a bad name before importing anything
        if (!embedder.equals("none")) {
            Embedders.spec(embedder); // likewise for an unknown embedder
        }
        var out = spec.commandLine().getOut();
        var progress = new TerminalProgress(spec.commandLine().getErr());
        // A step per document, thousands a second, each formatted into a line that is mostly not drawn: a
        // measurable share of an import; a few steps a second draw the same bar.
        var steps = new ThrottledProgress(progress, Duration.ofMillis(50));
        var importFormat = format == null ? ImportFormat.AUTO : ImportFormat.fromId(format);
        try (var bench = options.open()) {
            long checking = System.nanoTime();
            Path source = Importer.source(corpus, importFormat);
            var current = bench.indexCurrentFor(source, new Workbench.IndexRequest(
                    Importer.corpusName(source, corpusName), chunkerSpec, embedder, analyzer));
            if (current.isPresent()) {
                // The same bytes as the import the index was refreshed after, and no document changed since.
                var info = current.get();
                out.printf(Locale.ROOT, "Index is current: %s has not changed since it was imported; %d documents"
                        + " as %d chunks (%s, %s), checked in %s.%n", ImportPlan.label(java.util.List.of(corpus)),
                        info.documents(), info.chunks(), info.settings().chunker(), info.settings().embedder(),
                        seconds(Duration.ofNanos(System.nanoTime() - checking)));
                out.println(info.name());
                return;
            }
            var imported = bench.importCorpus(corpus, importFormat, corpusName, steps, Cancellation.none());
            progress.closeLine(); // the importer has already named each skipped file with its reason
            String summary = ImportPlan.summary(ImportPlan.label(java.util.List.of(corpus)), imported);
            out.println(summary.substring(0, summary.length() - 1) + " in " + Formats.seconds(imported.elapsed()) + ".");
            if (imported.stored() == 0 && !imported.failures().isEmpty()
                    && bench.documents().documents(imported.corpus()).isEmpty()) {
                // Every source failed and nothing was there before: say which file, not only which corpus.
                throw new BadInputException(corpus + " gave no documents: all " + imported.failures().size()
                        + (imported.format() == ImportFormat.BEIR ? " lines" : " files")
                        + " failed to read (reasons above), so there is nothing to index");
            }
            long start = System.nanoTime();
            // An unchanged corpus with unchanged settings leaves the index as it is; a few changed documents
            // update it in place; anything else builds it anew.
            var outcome = bench.refreshIndex(new Workbench.IndexRequest(imported.corpus(), chunkerSpec, embedder,
                    analyzer), steps, Cancellation.none());
            var info = outcome.info();
            progress.closeLine();
            String done = switch (outcome.action()) {
                case CURRENT -> "Index is current: %d documents as %d chunks (%s, %s), checked in %s.%n";
                case UPDATED -> "Updated the index: %d documents as %d chunks (%s, %s) in %s.%n";
                case BUILT -> "Indexed %d documents as %d chunks (%s, %s) in %s.%n";
            };
            out.printf(Locale.ROOT, done, info.documents(), info.chunks(), info.settings().chunker(),
                    info.settings().embedder(), seconds(Duration.ofNanos(System.nanoTime() - start)));
            bench.recordIndexSource(info, source);
            out.println(info.name());
        }
    }

    static String seconds(Duration d) {
        return dev.ragworkbench.format.Formats.seconds(d);
    }
}
