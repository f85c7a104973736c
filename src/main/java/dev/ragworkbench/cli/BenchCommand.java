package dev.ragworkbench.cli;

import dev.ragworkbench.format.Formats;
import dev.ragworkbench.format.TextTable;

import dev.ragworkbench.app.Workbench;
import dev.ragworkbench.chunking.ChunkerSpec;
import dev.ragworkbench.embedding.EmbeddingBenchmark;
import dev.ragworkbench.embedding.Embedders;
import dev.ragworkbench.evaluation.EvalSet;
import dev.ragworkbench.evaluation.EvalSetReader;
import dev.ragworkbench.evaluation.Evaluator;
import dev.ragworkbench.evaluation.Metric;
import dev.ragworkbench.evaluation.Rankings;
import dev.ragworkbench.evaluation.ScoredDoc;
import dev.ragworkbench.index.IndexedText;
import dev.ragworkbench.ingest.ImportFormat;
import dev.ragworkbench.progress.Cancellation;
import dev.ragworkbench.progress.ProgressListener;
import dev.ragworkbench.retrieval.DocumentRanking;
import dev.ragworkbench.retrieval.RetrieverSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code bench}: measures, on a BEIR corpus (SciFact by default), raw embedding throughput, end-to-end indexing
 * throughput, re-indexing from the cache, and per-retriever query latency and quality. Prints tables; asserts
 * nothing, since timings belong to the machine they came from.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measure embedding, indexing and query speed (and quality) on a BEIR corpus.")
final class BenchCommand implements Runnable {

    private static final int PASSES = 3;

    @Option(names = "--beir", paramLabel = "DIR", defaultValue = "../shared/data/scifact",
            description = "BEIR folder with corpus.jsonl, queries.jsonl and qrels/ (default ${DEFAULT-VALUE}).")
    Path beir;

    @Option(names = "--split", defaultValue = "test", description = "Qrels split (default ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--limit", paramLabel = "N", description = "Use only the first N documents of the corpus.")
    Integer limit;

    @Option(names = "--chunker", paramLabel = "SPEC", defaultValue = "none", description = "Chunker (default none).")
    String chunker;

    @Option(names = "--embedder", paramLabel = "NAME", defaultValue = Embedders.DEFAULT,
            description = "Embedder (default ${DEFAULT-VALUE}).")
    String embedder;

    @Option(names = "--retrievers", paramLabel = "SPEC", split = ";",
            defaultValue = "bm25;dense;hybrid-rrf", description = "Retrievers, ';'-separated (default ${DEFAULT-VALUE}).")
    List<String> retrievers;

    @Option(names = "--skip-model", description = "Skip timing the embedding model alone (saves minutes when only"
            + " indexing or query figures are wanted).")
    boolean skipModel;

    @Option(names = "--workspace", paramLabel = "DIR",
            description = "Workspace to bench in (default: a fresh temporary one, deleted afterwards).")
    Path workspace;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        var out = spec.commandLine().getOut();
        var progress = new TerminalProgress(spec.commandLine().getErr());
        var chunkerSpec = ChunkerSpec.parse(chunker);
        var specs = retrievers.stream().map(RetrieverSpec::parse).toList();
        Path corpusFile = beir.resolve("corpus.jsonl");
        if (!Files.isRegularFile(corpusFile)) {
            throw new BadInputException("no corpus.jsonl in " + beir);
        }
        try {
            Path ws = workspace != null ? workspace : Files.createTempDirectory("rag-workbench-bench");
            Path corpus = limit == null ? corpusFile : firstLines(corpusFile, limit, ws);
            EvalSet evalSet = EvalSetReader.beirDirectory(beir, split);
            out.printf(Locale.ROOT, "Machine: %d cores, Java %s, %s %s%n", Runtime.getRuntime().availableProcessors(),
                    Runtime.version(), System.getProperty("os.name"), System.getProperty("os.arch"));
            try (var bench = Workbench.open(ws)) {
                var imported = bench.importCorpus(corpus, ImportFormat.BEIR, "bench", progress, Cancellation.none());
                progress.closeLine();
                var docs = bench.documents().documents(imported.corpus());
                out.printf(Locale.ROOT, "Corpus: %s, %d documents (import %s); eval set: %d queries (%s)%n%n",
                        beir.getFileName(), docs.size(), IndexCommand.seconds(imported.elapsed()), evalSet.size(),
                        split);

                // 1. The model alone, on exactly the texts the index will embed.
                var chunkerImpl = bench.chunker(chunkerSpec, embedder);
                var texts = new ArrayList<String>();
                for (var d : docs) {
                    for (var c : chunkerImpl.chunk(d)) {
                        texts.add(IndexedText.of(d, c));
                    }
                }
                EmbeddingBenchmark.Result raw = null;
                if (!skipModel) {
                    try (var model = Embedders.open(embedder)) {
                        raw = EmbeddingBenchmark.measure(model, texts, progress, Cancellation.none());
                    }
                }
                progress.closeLine();

                // 2. End to end, then 3. again from the embedding cache.
                var request = new Workbench.IndexRequest(imported.corpus(), chunkerSpec, embedder);
                long t0 = System.nanoTime();
                var info = bench.buildIndex(request, progress, Cancellation.none());
                double first = (System.nanoTime() - t0) / 1e9;
                progress.closeLine();
                long t1 = System.nanoTime();
                bench.buildIndex(request, ProgressListener.NONE, Cancellation.none());
                double second = (System.nanoTime() - t1) / 1e9;

                var rows = new ArrayList<List<String>>();
                rows.add(List.of("step", "seconds", "documents/s", "chunks/s", "note"));
                if (raw != null) {
                    rows.add(List.of("embed (model alone)", f2(raw.elapsed().toNanos() / 1e9),
                            f1(docs.size() / (raw.elapsed().toNanos() / 1e9)), f1(raw.textsPerSecond()),
                            String.format(Locale.ROOT, "%,.0f tokens/s", raw.tokensPerSecond())));
                }
                rows.add(List.of("index (chunk+embed+write)", f2(first), f1(docs.size() / first),
                        f1(info.chunks() / first), raw == null ? "" : String.format(Locale.ROOT,
                                "%.3f x the model alone", first / (raw.elapsed().toNanos() / 1e9))));
                rows.add(List.of("index again (cached)", f2(second), f1(docs.size() / second),
                        f1(info.chunks() / second), String.format(Locale.ROOT, "%.1f %% of the first", 100 * second / first)));
                out.print(TextTable.of(rows, 1, 2, 3));
                out.println();

                // 4. Queries: latency single-threaded, and quality on the eval set.
                var qrows = new ArrayList<List<String>>();
                qrows.add(List.of("retriever", "p50 ms", "p95 ms", "queries/s", "ndcg@10", "recall@100", "mrr@10"));
                var metrics = List.of(Metric.parse("ndcg@10"), Metric.parse("recall@100"), Metric.parse("mrr@10"));
                try (var index = bench.openIndex(info.name())) {
                    for (var rspec : specs) {
                        var retriever = bench.retriever(index, rspec);
                        var queries = new ArrayList<>(evalSet.queries().entrySet());
                        // One full pass warms the JIT (the first few hundred queries run several times slower),
                        // then three timed passes; quality comes from the first of them.
                        for (var q : queries) {
                            DocumentRanking.topDocuments(retriever, q.getValue(), 100, info.chunks());
                        }
                        var run = Rankings.builder(rspec.toString());
                        long[] nanos = new long[queries.size() * PASSES];
                        for (int pass = 0; pass < PASSES; pass++) {
                            for (int i = 0; i < queries.size(); i++) {
                                var q = queries.get(i);
                                long s = System.nanoTime();
                                var hits = DocumentRanking.topDocuments(retriever, q.getValue(), 100, info.chunks());
                                nanos[pass * queries.size() + i] = System.nanoTime() - s;
                                if (pass == 0) {
                                    run.add(q.getKey(), hits.stream()
                                            .map(h -> new ScoredDoc(h.documentId(), h.score())).toList());
                                }
                            }
                        }
                        Arrays.sort(nanos);
                        double total = Arrays.stream(nanos).sum() / 1e9;
                        var result = Evaluator.evaluate(run.build(), evalSet, metrics);
                        qrows.add(List.of(rspec.toString(), f2(nanos[nanos.length / 2] / 1e6),
                                f2(nanos[(int) Math.ceil(nanos.length * 0.95) - 1] / 1e6), f1(nanos.length / total),
                                Formats.metric(result.aggregate().mean(metrics.get(0))), Formats.metric(result.aggregate().mean(metrics.get(1))),
                                Formats.metric(result.aggregate().mean(metrics.get(2)))));
                    }
                }
                out.print(TextTable.of(qrows, 1, 2, 3, 4, 5, 6));
            } finally {
                if (workspace == null) {
                    deleteTree(ws);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path firstLines(Path file, int n, Path dir) throws IOException {
        Path out = dir.resolve("corpus-first-" + n + ".jsonl");
        try (var lines = Files.lines(file)) {
            Files.write(out, lines.limit(n).toList());
        }
        return out;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static String f1(double v) {
        return String.format(Locale.ROOT, "%,.1f", v);
    }

    private static String f2(double v) {
        return String.format(Locale.ROOT, "%,.2f", v);
    }
}
