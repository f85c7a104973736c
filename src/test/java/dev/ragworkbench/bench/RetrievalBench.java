package dev.ragworkbench.bench;

import dev.ragworkbench.app.Workbench;
import dev.ragworkbench.chunking.ChunkerSpec;
import dev.ragworkbench.embedding.TestCrossEncoders;
import dev.ragworkbench.evaluation.EvalSetReader;
import dev.ragworkbench.index.ChunkIndex;
import dev.ragworkbench.ingest.ImportFormat;
import dev.ragworkbench.progress.Cancellation;
import dev.ragworkbench.progress.ProgressListener;
import dev.ragworkbench.retrieval.DocumentRanking;
import dev.ragworkbench.retrieval.Retriever;
import dev.ragworkbench.retrieval.RetrieverSpec;
import dev.ragworkbench.retrieval.SearchRequest;
import dev.ragworkbench.retrieval.SearchResult;
import dev.ragworkbench.retrieval.SearchStage;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.BM25Similarity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The retrieval pane's figures on SciFact (5,183 abstracts, BM25 + all-MiniLM-L6-v2), through the pane's own call,
 * {@code Workbench.retriever(...).search(SearchRequest)}, query embedding included:
 * <ol>
 * <li>one-query latency per retriever, top 10: for queries the workspace has never embedded (each retriever its
 * own slice of the train queries, so the model embeds every one) and for repeated ones (the test queries, their
 * vectors read back from the workspace's cache);</li>
 * <li>the reranker's cost per query at depth 50 after hybrid-rrf: BGE-small as a second embedder (passages new,
 * then cached) and a cross-encoder of the shape of ms-marco-MiniLM-L-6-v2 (see {@link TestCrossEncoders});</li>
 * <li>BM25 throughput beside raw Lucene in the same JVM, in alternating rounds (A B A B): {@code
 * IndexSearcher.search} with the same {@code BM25Similarity} on the same index, the query analysed by the same
 * analyser into the same bag of terms, top 100.</li>
 * </ol>
 * Prints tables and asserts nothing: timings belong to the machine. {@code mvn -Pretrieval-bench verify}, or run
 * this class on the test class path; {@code -Dbench.work=DIR} keeps the workspace (and its index) for next time.
 */
public final class RetrievalBench {

    private static final List<String> RETRIEVERS = List.of("bm25", "dense", "hybrid-rrf", "hybrid-weighted");

    public static void main(String[] args) throws Exception {
        Path scifact = Path.of(System.getProperty("bench.scifact", "../shared/data/scifact"));
        Path work = Path.of(System.getProperty("bench.work", "target/retrieval-bench"));
        int rerankQueries = Integer.getInteger("bench.rerankQueries", 20);
        int rounds = Integer.getInteger("bench.rounds", 6);
        // -Dbench.parts=throughput with -Dbench.embedder=none measures BM25 alone on an index built in seconds.
        String embedder = System.getProperty("bench.embedder", "all-minilm-l6-v2");
        var parts = List.of(System.getProperty("bench.parts", "latency,rerank,throughput").split(","));
        var test = new ArrayList<>(EvalSetReader.beirDirectory(scifact, "test").queries().values());
        var train = new ArrayList<>(EvalSetReader.beirDirectory(scifact, "train").queries().values());
        System.out.printf(Locale.ROOT, "Machine: %d cores, Java %s; load average at start %.1f%n",
                Runtime.getRuntime().availableProcessors(), Runtime.version(), load());

        try (var bench = Workbench.open(work.resolve("ws"))) {
            long t0 = System.nanoTime();
            String name = "scifact.none." + embedder;
            // A kept workspace's index is used as it is (the corpus is read only, so it cannot be stale).
            boolean kept = Files.isDirectory(work.resolve("ws").resolve("indexes").resolve(name));
            if (!kept) {
                bench.importCorpus(scifact.resolve("corpus.jsonl"), ImportFormat.BEIR, "scifact",
                        ProgressListener.NONE, Cancellation.none());
                name = bench.buildIndex(new Workbench.IndexRequest("scifact", ChunkerSpec.parse("none"), embedder),
                        ProgressListener.NONE, Cancellation.none()).name();
            }
            System.out.printf(Locale.ROOT, "Index %s (%s, %.1f s)%n", name, kept ? "kept" : "built",
                    (System.nanoTime() - t0) / 1e9);
            // A kept workspace remembers query vectors and BGE's passages: forget them, so "new" means new.
            try (var db = bench.workspace().connection(); var st = db.createStatement()) {
                int n = st.executeUpdate("DELETE FROM embedding_cache WHERE embedder LIKE '%#query'"
                        + " OR embedder = 'bge-small-en-v1.5-q'");
                System.out.printf(Locale.ROOT, "Forgot %d cached query and BGE vectors%n%n", n);
            }
            try (ChunkIndex index = bench.openIndex(name)) {
                System.out.printf(Locale.ROOT, "%d chunks%n%n", index.info().chunks());
                if (parts.contains("latency")) {
                    latency(bench, index, test, train);
                }
                if (parts.contains("rerank")) {
                    rerankCost(bench, index, test.subList(0, Math.min(rerankQueries, test.size())), work);
                }
                if (parts.contains("throughput")) {
                    throughput(bench, index, test, rounds);
                }
            }
        }
        System.out.printf(Locale.ROOT, "%nLoad average at the end %.1f%n", load());
    }

    /** 1. p50/p95 of one search, top 10, as the pane makes it. */
    private static void latency(Workbench bench, ChunkIndex index, List<String> test, List<String> train) {
        var rows = new ArrayList<List<String>>();
        rows.add(List.of("retriever", "new query p50 ms", "p95 ms", "embed p50 ms", "repeated p50 ms", "p95 ms"));
        int slice = Math.min(100, train.size() / RETRIEVERS.size());
        for (int r = 0; r < RETRIEVERS.size(); r++) {
            Retriever retriever = bench.retriever(index, RetrieverSpec.parse(RETRIEVERS.get(r)));
            // New queries: each retriever its own train slice (never embedded in this workspace before, unless
            // the workspace is reused, which the table then says).
            var fresh = train.subList(r * slice, (r + 1) * slice);
            long[] cold = new long[fresh.size()];
            long[] embed = new long[fresh.size()];
            for (int i = 0; i < fresh.size(); i++) {
                SearchResult result = retriever.search(SearchRequest.of(fresh.get(i), 10));
                cold[i] = result.timings().totalNanos();
                embed[i] = result.timings().nanos(SearchStage.EMBED);
            }
            for (String q : test) {
                retriever.search(SearchRequest.of(q, 10)); // warms the JIT and the query cache
            }
            long[] warm = new long[test.size() * 3];
            for (int pass = 0; pass < 3; pass++) {
                for (int i = 0; i < test.size(); i++) {
                    warm[pass * test.size() + i] = retriever.search(SearchRequest.of(test.get(i), 10)).timings()
                            .totalNanos();
                }
            }
            rows.add(List.of(retriever.spec().toString(), ms(pct(cold, 50)), ms(pct(cold, 95)),
                    ms(pct(embed, 50)), ms(pct(warm, 50)), ms(pct(warm, 95))));
        }
        System.out.println("One query, top 10, through Workbench.retriever(...).search(SearchRequest):");
        print(rows);
    }

    /** 2. What a reranker adds per query at depth 50, after hybrid-rrf. */
    private static void rerankCost(Workbench bench, ChunkIndex index, List<String> queries, Path work) {
        Path ce = TestCrossEncoders.miniLmShaped(work.resolve("minilm-shaped-cross-encoder"));
        var specs = new LinkedHashMap<String, String>();
        specs.put("bge-small-en-v1.5-q, passages new", "hybrid-rrf+rerank:embedder=bge-small-en-v1.5-q,depth=50");
        specs.put("bge-small-en-v1.5-q, passages cached", "hybrid-rrf+rerank:embedder=bge-small-en-v1.5-q,depth=50");
        specs.put("cross-encoder (MiniLM-L6 shape)", "hybrid-rrf+rerank:model=" + ce + ",depth=50");
        var rows = new ArrayList<List<String>>();
        rows.add(List.of("reranker at depth 50", "queries", "rerank p50 ms", "p95 ms", "per passage ms",
                "whole search p50 ms"));
        Retriever base = bench.retriever(index, RetrieverSpec.parse("hybrid-rrf"));
        for (String q : queries) {
            base.search(SearchRequest.of(q, 10)); // the base's query vectors cached, so rerank stands alone
        }
        for (Map.Entry<String, String> e : specs.entrySet()) {
            Retriever retriever = bench.retriever(index, RetrieverSpec.parse(e.getValue()));
            // One warm-up query outside the sample (the model's first calls are slow) from the train split's end.
            retriever.search(SearchRequest.of("Warm-up: vitamin D and bone fractures in older adults.", 10));
            long[] rerank = new long[queries.size()];
            long[] total = new long[queries.size()];
            for (int i = 0; i < queries.size(); i++) {
                SearchResult result = retriever.search(SearchRequest.of(queries.get(i), 10));
                rerank[i] = result.timings().nanos(SearchStage.RERANK);
                total[i] = result.timings().totalNanos();
            }
            rows.add(List.of(e.getKey(), Integer.toString(queries.size()), ms(pct(rerank, 50)), ms(pct(rerank, 95)),
                    String.format(Locale.ROOT, "%.2f", pct(rerank, 50) / 1e6 / 50), ms(pct(total, 50))));
        }
        System.out.println("\nReranking hybrid-rrf's top 50 (the rerank stage alone, and the whole search):");
        print(rows);
    }

    /** 3. BM25 queries per second, ours beside raw Lucene, rounds alternating, one thread, top 100. */
    private static void throughput(Workbench bench, ChunkIndex index, List<String> queries, int rounds)
            throws IOException {
        Retriever ours = bench.retriever(index, RetrieverSpec.parse("bm25:k1=0.9,b=0.4"));
        IndexSearcher raw = new IndexSearcher(index.reader());
        raw.setQueryCache(null);
        raw.setSimilarity(new BM25Similarity(0.9f, 0.4f));
        int chunks = index.info().chunks();
        int passes = Integer.getInteger("bench.passes", 10);
        // Both sides analyse the text each time; same terms, same boosts, so the same scores and top 100.
        Runnable lucene = () -> {
            for (String q : queries) {
                try {
                    Query query = bag(index, q);
                    if (query != null) {
                        raw.search(query, 100);
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        };
        Runnable search = () -> queries.forEach(q -> ours.search(SearchRequest.of(q, 100)));
        Runnable documents = () -> queries.forEach(q -> DocumentRanking.topDocuments(ours, SearchRequest.of(q, 100),
                chunks));
        checkSameTopHits(index, raw, ours, queries);
        var sides = new LinkedHashMap<String, Runnable>();
        sides.put("raw Lucene IndexSearcher.search", lucene);
        sides.put("ours: Retriever.search", search);
        sides.put("ours: DocumentRanking.topDocuments", documents);
        // The JIT settles slowly (rounds still sped up after 5 warm passes of each side); 20 of each first.
        for (int warm = 0; warm < Integer.getInteger("bench.warmup", 20); warm++) {
            sides.values().forEach(Runnable::run);
        }
        var perRound = new LinkedHashMap<String, double[]>();
        sides.keySet().forEach(k -> perRound.put(k, new double[rounds]));
        for (int round = 0; round < rounds; round++) {
            for (var side : sides.entrySet()) {
                long s = System.nanoTime();
                for (int p = 0; p < passes; p++) {
                    side.getValue().run();
                }
                perRound.get(side.getKey())[round] = (double) passes * queries.size() / ((System.nanoTime() - s) / 1e9);
            }
        }
        var rows = new ArrayList<List<String>>();
        rows.add(List.of("BM25, top 100, one thread", "queries/s (median of rounds)", "rounds",
                "raw Lucene / this (median of per-round ratios)"));
        double[] luceneRounds = perRound.get("raw Lucene IndexSearcher.search");
        for (var e : perRound.entrySet()) {
            double[] ratios = new double[rounds];
            for (int i = 0; i < rounds; i++) {
                ratios[i] = luceneRounds[i] / e.getValue()[i]; // the same round: the same load on the machine
            }
            rows.add(List.of(e.getKey(), String.format(Locale.ROOT, "%,.0f", median(e.getValue())),
                    String.join(" ", Arrays.stream(e.getValue()).mapToObj(v -> String.format(Locale.ROOT, "%,.0f", v))
                            .toList()), String.format(Locale.ROOT, "%.2f", median(ratios))));
        }
        System.out.printf(Locale.ROOT, "%nBM25 throughput, %d rounds A B C A B C ... of %d passes over %d queries:%n",
                rounds, passes, queries.size());
        print(rows);
    }

    /** The raw side's query: the analysed terms, each boosted by its count, as Bm25Retriever builds it. */
    static Query bag(ChunkIndex index, String text) throws IOException {
        var counts = new LinkedHashMap<String, Integer>();
        try (var stream = index.analyzer().tokenStream("contents", text)) {
            var term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                counts.merge(term.toString(), 1, Integer::sum);
            }
            stream.end();
        }
        if (counts.isEmpty()) {
            return null;
        }
        var builder = new BooleanQuery.Builder();
        counts.forEach((t, n) -> {
            Query tq = new TermQuery(new Term("contents", t));
            builder.add(n == 1 ? tq : new BoostQuery(tq, n), BooleanClause.Occur.SHOULD);
        });
        return builder.build();
    }

    /** Both sides must do the same work: the same top 100 docs and scores for every query. */
    private static void checkSameTopHits(ChunkIndex index, IndexSearcher raw, Retriever ours, List<String> queries)
            throws IOException {
        for (String q : queries) {
            Query query = bag(index, q);
            var a = query == null ? new org.apache.lucene.search.ScoreDoc[0] : raw.search(query, 100).scoreDocs;
            var b = ours.search(SearchRequest.of(q, 100)).hits();
            if (a.length != b.size()) {
                throw new IllegalStateException("raw Lucene and ours differ in hit count for " + q);
            }
            for (int i = 0; i < a.length; i++) {
                if (a[i].doc != b.get(i).luceneDoc() || a[i].score != (float) b.get(i).score()) {
                    throw new IllegalStateException("raw Lucene and ours differ at rank " + (i + 1) + " for " + q);
                }
            }
        }
    }

    private static long pct(long[] values, int p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.max(0, (int) Math.ceil(sorted.length * p / 100.0) - 1)];
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.2f", nanos / 1e6);
    }

    private static double load() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private static void print(List<List<String>> rows) {
        int[] width = new int[rows.getFirst().size()];
        for (var row : rows) {
            for (int i = 0; i < row.size(); i++) {
                width[i] = Math.max(width[i], row.get(i).length());
            }
        }
        for (int r = 0; r < rows.size(); r++) {
            var line = new StringBuilder("|");
            for (int i = 0; i < width.length; i++) {
                String cell = rows.get(r).get(i);
                line.append(' ').append(i == 0 ? pad(cell, width[i], false) : pad(cell, width[i], true)).append(" |");
            }
            System.out.println(line);
            if (r == 0) {
                var rule = new StringBuilder("|");
                for (int i = 0; i < width.length; i++) {
                    rule.append(i == 0 ? "---" : "---:").append('|');
                }
                System.out.println(rule);
            }
        }
    }

    private static String pad(String s, int width, boolean right) {
        String fill = " ".repeat(width - s.length());
        return right ? fill + s : s + fill;
    }
}
