package dev.ragworkbench.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ragworkbench.evaluation.EvalSet;
import dev.ragworkbench.evaluation.EvalSetReader;
import dev.ragworkbench.evaluation.Evaluator;
import dev.ragworkbench.evaluation.Metric;
import dev.ragworkbench.evaluation.TrecRunFile;
import uk.ac.gla.terrier.jtreceval.trec_eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Indexing and searching SciFact with BM25, side by side with Anserini (issue 10): both indexes built in turns
 * (ours, Anserini, ours, …) on fresh folders, timed as whole commands from outside; then ours again on the
 * unchanged corpus; then the 300 test queries searched 1,000 deep with both, and both runs evaluated by our
 * evaluator and by trec_eval. Prints one table; asserts nothing but says so loudly when the two nDCG@10 disagree,
 * since timings belong to the machine they came from. Run: {@code mvn -B -Panserini-bench -DskipTests verify}.
 *
 * <p>System properties: {@code bench.app} (the built {@code target/app}), {@code bench.anserini} (the fatjar),
 * {@code bench.scifact} (the BEIR SciFact folder), {@code bench.work} (scratch folder), {@code bench.runs}
 * (builds of each, default 3), {@code bench.java} (the JVM Anserini runs on; default this one).
 */
public final class AnseriniBench {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AnseriniBench() {
    }

    /** One finished command: wall and CPU seconds (CPU of the reaped child, from /proc; NaN elsewhere). */
    record Timing(double wall, double cpu) {
    }

    public static void main(String[] args) throws Exception {
        Path app = Path.of(System.getProperty("bench.app", "target/app")).toAbsolutePath();
        Path anserini = Path.of(System.getProperty("bench.anserini", "target/anserini/anserini-fatjar.jar"))
                .toAbsolutePath();
        Path scifact = Path.of(System.getProperty("bench.scifact", "../shared/data/scifact")).toAbsolutePath();
        Path work = Path.of(System.getProperty("bench.work", "target/anserini-bench")).toAbsolutePath();
        int runs = Integer.getInteger("bench.runs", 3);
        String java = System.getProperty("bench.java",
                ProcessHandle.current().info().command().orElse("java"));
        deleteRecursively(work);
        Files.createDirectories(work);

        Path corpus = scifact.resolve("corpus.jsonl");
        Path input = Files.createDirectories(work.resolve("anserini-input"));
        int documents = writeAnseriniCorpus(corpus, input.resolve("corpus.jsonl"));
        EvalSet test = EvalSetReader.beir("scifact-test", scifact.resolve("queries.jsonl"),
                scifact.resolve("qrels/test.tsv"));
        Path topics = work.resolve("topics.tsv");
        Path queries = work.resolve("queries-test.jsonl");
        writeQueries(test, topics, queries);
        Path trecQrels = work.resolve("qrels-test.txt");
        writeTrecQrels(test, trecQrels);

        String ours = app.resolve("rag-workbench").toString();
        List<String> anseriniJava = List.of(java, "--add-modules", "jdk.incubator.vector", "-cp", anserini.toString());
        var oursIndex = new ArrayList<Timing>();
        var theirsIndex = new ArrayList<Timing>();
        Path ws = null;
        Path anseriniIndex = null;
        for (int r = 0; r < runs; r++) {
            ws = work.resolve("ws-" + r);
            oursIndex.add(run(List.of(ours, "index", "--workspace", ws.toString(), "--corpus", corpus.toString(),
                    "--embedder", "none"), work.resolve("ours-index-" + r + ".log")));
            anseriniIndex = work.resolve("anserini-index-" + r);
            theirsIndex.add(run(concat(anseriniJava, "io.anserini.index.IndexCollection", "-collection",
                    "JsonCollection", "-input", input.toString(), "-index", anseriniIndex.toString(),
                    "-generator", "DefaultLuceneDocumentGenerator", "-threads", "2", "-storePositions",
                    "-storeDocvectors", "-storeRaw"), work.resolve("anserini-index-" + r + ".log")));
        }
        var unchanged = new ArrayList<Timing>();
        var start = new ArrayList<Timing>();
        for (int r = 0; r < runs; r++) {
            unchanged.add(run(List.of(ours, "index", "--workspace", ws.toString(), "--corpus", corpus.toString(),
                    "--embedder", "none"), work.resolve("ours-reindex-" + r + ".log")));
            // what any command costs here: the JVM's start and the workspace's opening
            start.add(run(List.of(ours, "indexes", "list", "--workspace", ws.toString()),
                    work.resolve("ours-list-" + r + ".log")));
        }
        Path oursRun = work.resolve("ours.run");
        Path theirsRun = work.resolve("anserini.run");
        var oursSearch = new ArrayList<Timing>();
        var theirsSearch = new ArrayList<Timing>();
        for (int r = 0; r < runs; r++) {
            oursSearch.add(run(List.of(ours, "search", "--workspace", ws.toString(), "--retriever",
                    "bm25:k1=0.9,b=0.4", "--queries", queries.toString(), "--top", "1000", "--trec-out",
                    oursRun.toString()), work.resolve("ours-search-" + r + ".log")));
            theirsSearch.add(run(concat(anseriniJava, "io.anserini.search.SearchCollection", "-index",
                    anseriniIndex.toString(), "-topics", topics.toString(), "-topicReader", "TsvString", "-output",
                    theirsRun.toString(), "-bm25", "-bm25.k1", "0.9", "-bm25.b", "0.4", "-hits", "1000"),
                    work.resolve("anserini-search-" + r + ".log")));
        }

        var ndcg = Metric.parse("ndcg@10");
        double oursNdcg = Evaluator.evaluate(TrecRunFile.read(oursRun), test, List.of(ndcg)).aggregate().mean(ndcg);
        double theirsNdcg = Evaluator.evaluate(TrecRunFile.read(theirsRun), test, List.of(ndcg)).aggregate()
                .mean(ndcg);
        double oursTrec = trecEvalNdcg10(trecQrels, oursRun);
        double theirsTrec = trecEvalNdcg10(trecQrels, theirsRun);

        var out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "SciFact, %,d documents, BM25 (k1 0.9, b 0.4), %d %s of each in turns;"
                + " medians (min-max), whole commands%n", documents, runs, runs == 1 ? "run" : "runs"));
        out.append(String.format(Locale.ROOT, "%-36s %-20s %-20s %s%n", "", "RAG Workbench", "Anserini 0.39.0",
                "ratio"));
        row(out, "index, wall", oursIndex, theirsIndex, Timing::wall);
        row(out, "index, CPU", oursIndex, theirsIndex, Timing::cpu);
        row(out, "search 300 queries x 1000, wall", oursSearch, theirsSearch, Timing::wall);
        row(out, "search 300 queries x 1000, CPU", oursSearch, theirsSearch, Timing::cpu);
        out.append(String.format(Locale.ROOT, "%-36s %-20s%n", "index again, unchanged, wall", spread(unchanged,
                Timing::wall)));
        out.append(String.format(Locale.ROOT, "%-36s %-20s%n", "  (JVM start: `indexes list`, wall)",
                spread(start, Timing::wall)));
        out.append(String.format(Locale.ROOT, "%-36s %-20s %-20s%n", "nDCG@10, our evaluator",
                fmt(oursNdcg), fmt(theirsNdcg)));
        out.append(String.format(Locale.ROOT, "%-36s %-20s %-20s%n", "nDCG@10, trec_eval",
                fmt(oursTrec), fmt(theirsTrec)));
        boolean agree = fmt(oursNdcg).equals(fmt(theirsNdcg)) && fmt(oursTrec).equals(fmt(theirsTrec))
                && fmt(oursNdcg).equals(fmt(oursTrec));
        out.append(agree ? "Both runs agree on nDCG@10.\n" : "WARNING: the runs' nDCG@10 disagree.\n");
        System.out.print(out);
        Files.writeString(work.resolve("table.txt"), out);
    }

    private static void row(StringBuilder out, String label, List<Timing> ours, List<Timing> theirs,
                            java.util.function.ToDoubleFunction<Timing> f) {
        double ratio = median(ours.stream().mapToDouble(f).toArray()) / median(theirs.stream().mapToDouble(f)
                .toArray());
        out.append(String.format(Locale.ROOT, "%-36s %-20s %-20s %.2fx%n", label, spread(ours, f), spread(theirs, f),
                ratio));
    }

    private static String spread(List<Timing> timings, java.util.function.ToDoubleFunction<Timing> f) {
        double[] v = timings.stream().mapToDouble(f).sorted().toArray();
        return String.format(Locale.ROOT, "%.1f s (%.1f-%.1f)", median(v), v[0], v[v.length - 1]);
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        java.util.Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    /** Runs one command to its end, output to {@code log}; fails the benchmark when it fails. */
    private static Timing run(List<String> command, Path log) throws IOException, InterruptedException {
        double cpuBefore = childrenCpuSeconds();
        long t0 = System.nanoTime();
        var p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(30, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out: " + String.join(" ", command));
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        if (p.exitValue() != 0) {
            throw new IllegalStateException("exit " + p.exitValue() + " from " + String.join(" ", command)
                    + "; its output is in " + log);
        }
        return new Timing(wall, childrenCpuSeconds() - cpuBefore);
    }

    /**
     * User + system seconds of this process's reaped children (fields cutime and cstime of /proc/self/stat, in
     * clock ticks of 1/100 s on Linux); NaN where there is no /proc.
     */
    private static double childrenCpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[13]) + Long.parseLong(f[14])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Anserini's JsonCollection: {"id", "contents"}, contents being title + " " + text, as BEIR baselines do. */
    private static int writeAnseriniCorpus(Path beirCorpus, Path out) throws IOException {
        var lines = new ArrayList<String>();
        try (Stream<String> in = Files.lines(beirCorpus)) {
            in.filter(l -> !l.isBlank()).forEach(l -> {
                try {
                    var doc = JSON.readTree(l);
                    ObjectNode o = JSON.createObjectNode();
                    o.put("id", doc.get("_id").asText());
                    o.put("contents", doc.path("title").asText("") + " " + doc.path("text").asText(""));
                    lines.add(JSON.writeValueAsString(o));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
        Files.write(out, lines);
        return lines.size();
    }

    private static void writeQueries(EvalSet set, Path topicsTsv, Path queriesJsonl) throws IOException {
        var tsv = new ArrayList<String>();
        var jsonl = new ArrayList<String>();
        for (var q : set.queries().entrySet()) {
            tsv.add(q.getKey() + "\t" + q.getValue().replaceAll("\\s+", " "));
            ObjectNode o = JSON.createObjectNode();
            o.put("_id", q.getKey());
            o.put("text", q.getValue());
            jsonl.add(JSON.writeValueAsString(o));
        }
        Files.write(topicsTsv, tsv);
        Files.write(queriesJsonl, jsonl);
    }

    private static void writeTrecQrels(EvalSet set, Path out) throws IOException {
        var lines = new ArrayList<String>();
        set.qrels().judgments().forEach((q, docs) -> docs.forEach((d, rel) -> lines.add(q + " 0 " + d + " " + rel)));
        Files.write(out, lines);
    }

    private static double trecEvalNdcg10(Path qrels, Path run) {
        var trecEval = new trec_eval();
        String[][] out = trecEval.runAndGetOutput(new String[] {"-m", "ndcg_cut.10", qrels.toString(),
                run.toString()});
        for (String[] row : out) {
            if (row[0].equals("ndcg_cut_10") && row[row.length - 2].equals("all")) {
                return Double.parseDouble(row[row.length - 1]);
            }
        }
        throw new IllegalStateException("trec_eval printed no ndcg_cut_10: " + java.util.Arrays.deepToString(out));
    }

    private static List<String> concat(List<String> head, String... tail) {
        var all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (var walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
