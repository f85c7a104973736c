package dev.ragworkbench.app;

import dev.ragworkbench.chunking.Chunk;
import dev.ragworkbench.chunking.ChunkerSpec;
import dev.ragworkbench.chunking.WordPieceCounter;
import dev.ragworkbench.embedding.Embedders;
import dev.ragworkbench.embedding.HuggingFaceTextTokenizer;
import dev.ragworkbench.embedding.TextTokenizer;
import dev.ragworkbench.evaluation.EvalSet;
import dev.ragworkbench.index.IndexSettings;
import dev.ragworkbench.ingest.Document;
import dev.ragworkbench.ingest.ImportFormat;
import dev.ragworkbench.ingest.ImportPlan;
import dev.ragworkbench.ingest.ImportResult;
import dev.ragworkbench.ingest.Importer;
import dev.ragworkbench.progress.Cancellation;
import dev.ragworkbench.progress.ProgressListener;
import dev.ragworkbench.sample.SampleWorkspace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The workbench's document operations: imports (one path or several, retrying a corpus's failures), removal, the
 * sample workspace, and token counts in the default model's tokens. Kept apart from {@link Workbench}, which
 * hands them out, as {@link IndexOperations} is, so the root stays a list of what is wired to what.
 */
final class DocumentOperations {

    private final Workbench bench;
    /** Token counts by content hash: a document's text, and so its count, does not change under one hash. */
    private final Map<String, Integer> tokenCounts = new ConcurrentHashMap<>();
    private volatile TextTokenizer defaultTokenizer;

    DocumentOperations(Workbench bench) {
        this.bench = bench;
    }

    ImportResult importCorpus(Path path, ImportFormat format, String corpusName, ProgressListener progress,
                              Cancellation cancel) {
        return new Importer().importCorpus(bench.workspace(), path, format, corpusName, progress, cancel);
    }

    ImportResult importPaths(ImportPlan plan, ProgressListener progress, Cancellation cancel) {
        var sources = plan.sources();
        if (sources.size() == 1) {
            return importCorpus(sources.getFirst(), ImportFormat.AUTO, plan.corpus(), progress, cancel);
        }
        // a count from the start: a bar without one animates, and repaints the window every frame
        progress.progress("import", 0, sources.size());
        // each path's own progress would restart the count; its notes (a skipped file and why) still get through
        ProgressListener notesOnly = new ProgressListener() {
            @Override
            public void progress(String stage, long done, long total) {
            }

            @Override
            public void note(String message) {
                progress.note(message);
            }
        };
        var results = new ArrayList<ImportResult>();
        for (int i = 0; i < sources.size(); i++) {
            cancel.check();
            results.add(importCorpus(sources.get(i), ImportFormat.AUTO, plan.corpora().get(i), notesOnly, cancel));
            progress.progress("import", i + 1, sources.size());
        }
        return ImportPlan.combined(plan.corpus(), results);
    }

    ImportResult retryFailed(String corpus, ProgressListener progress, Cancellation cancel) {
        var info = bench.documents().corpus(corpus)
                .orElseThrow(() -> new IllegalArgumentException("no corpus named '" + corpus + "' in this workspace"));
        return importPaths(ImportPlan.of(List.of(Path.of(info.source())), corpus), progress, cancel);
    }

    int removeDocuments(String corpus, List<String> ids, ProgressListener progress, Cancellation cancel) {
        int done = 0;
        int removed = 0;
        for (String id : ids) {
            cancel.check();
            if (bench.documents().deleteDocument(corpus, id)) {
                removed++;
            }
            progress.progress("removing", ++done, ids.size());
        }
        return removed;
    }

    EvalSet seedSample(ProgressListener progress, Cancellation cancel) {
        Path root = bench.workspace().root();
        try {
            Path sample = SampleWorkspace.copyFiles(root);
            importCorpus(SampleWorkspace.documents(sample), ImportFormat.AUTO, SampleWorkspace.CORPUS, progress, cancel);
            return bench.evalSets().importSquad(SampleWorkspace.goldenSet(sample));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set up the sample in " + root + ": " + e.getMessage(), e);
        }
    }

    int tokenCount(Document doc) {
        return tokenCounts.computeIfAbsent(doc.contentHash(), h -> bench.chunker(new ChunkerSpec.None(),
                IndexSettings.NO_EMBEDDER).chunk(doc).stream().mapToInt(Chunk::tokenCount).sum());
    }

    OptionalInt countedTokens(Document doc) {
        Integer n = tokenCounts.get(doc.contentHash());
        return n == null ? OptionalInt.empty() : OptionalInt.of(n);
    }

    TextTokenizer defaultTokenizer() {
        var t = defaultTokenizer;
        if (t == null) {
            String resource = "/" + Embedders.DEFAULT + "-tokenizer.json";
            // Counts in Java (the same counts, several times faster than the native bindings); spans natively.
            try (var json = Workbench.class.getResourceAsStream(resource)) {
                t = defaultTokenizer = WordPieceCounter.load(json, () -> HuggingFaceTextTokenizer.fromResource(resource));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return t;
    }
}
