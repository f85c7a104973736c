package dev.ragworkbench.ui.retrieval.judging;

import dev.ragworkbench.app.Workbench;
import dev.ragworkbench.chunking.ChunkerSpec;
import dev.ragworkbench.index.IndexSettings;
import dev.ragworkbench.ingest.ImportFormat;
import dev.ragworkbench.judging.Judgments;
import dev.ragworkbench.progress.Cancellation;
import dev.ragworkbench.progress.ProgressListener;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A workspace with the first 80 SciFact abstracts, a BM25 index over them and the eval set "mine" of 2 queries. */
final class JudgingFixture {

    static final Path SCIFACT = Path.of(System.getProperty("ragworkbench.shared.data", "../shared/data"), "scifact");

    private JudgingFixture() {
    }

    /** Builds it under {@code dir}; returns the open workbench (the caller closes it). */
    static Workbench workspace(Path dir) throws IOException {
        Path corpus = dir.resolve("corpus.jsonl");
        try (var lines = Files.lines(SCIFACT.resolve("corpus.jsonl"))) {
            Files.write(corpus, lines.limit(80).toList());
        }
        var bench = Workbench.open(dir.resolve("ws"));
        bench.importCorpus(corpus, ImportFormat.BEIR, "sci", ProgressListener.NONE, Cancellation.none());
        bench.buildIndex(new Workbench.IndexRequest("sci", ChunkerSpec.parse("fixed:size=64,overlap=0"),
                IndexSettings.NO_EMBEDDER), ProgressListener.NONE, Cancellation.none());
        new Judgments(bench.evalSets()).create("mine", "sci", """
                diffusion tensor imaging of white matter in newborns
                vitamin D deficiency and bone fractures
                """);
        return bench;
    }
}
