package dev.ragworkbench.ui;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ragworkbench.app.Workbench;
import dev.ragworkbench.chunking.ChunkerSpec;
import dev.ragworkbench.embedding.Embedders;
import dev.ragworkbench.evaluation.EvalSetReader;
import dev.ragworkbench.ingest.ImportFormat;
import dev.ragworkbench.progress.Cancellation;
import dev.ragworkbench.progress.ProgressListener;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Stream;

/**
 * A workspace for the Retrieval pane's tests, built once per test JVM and copied for each test: a SciFact subset
 * (30 real test queries, their judged abstracts and 90 others) indexed whole with MiniLM, so BM25, dense and
 * hybrid all work, and the 30 queries stored as the eval set {@value #EVAL_SET}.
 */
final class RetrievalFixture {

    static final String EVAL_SET = "scifact-30";
    static final String INDEX = "scifact";
    static final Path SCIFACT = Path.of(System.getProperty("ragworkbench.shared.data", "../shared/data"), "scifact")
            .toAbsolutePath();

    private static Path template;
    private static String indexName;

    private RetrievalFixture() {
    }

    /** A fresh copy of the built workspace at {@code target}. */
    static synchronized Path workspace(Path target) {
        try {
            if (template == null) {
                template = Files.createTempDirectory("retrieval-fixture");
                build(template);
            }
            copy(template.resolve("ws"), target);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static synchronized String indexName() {
        return indexName;
    }

    private static void build(Path dir) throws IOException {
        var mapper = new ObjectMapper();
        var lines = Files.readAllLines(SCIFACT.resolve("qrels/test.tsv"));
        var queries = new LinkedHashSet<String>();
        var kept = new ArrayList<>(List.of(lines.getFirst()));
        var judged = new HashSet<String>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t");
            if (queries.size() < 30 || queries.contains(f[0])) {
                queries.add(f[0]);
                kept.add(line);
                judged.add(f[1]);
            }
        }
        Path qrels = dir.resolve("qrels.tsv");
        Files.write(qrels, kept);
        var docs = new ArrayList<String>();
        int others = 0;
        for (String line : Files.readAllLines(SCIFACT.resolve("corpus.jsonl"))) {
            if (judged.contains(mapper.readTree(line).get("_id").asText()) || others++ < 90) {
                docs.add(line);
            }
        }
        Path corpus = dir.resolve("corpus.jsonl");
        Files.write(corpus, docs);
        try (var bench = Workbench.open(dir.resolve("ws"))) {
            bench.importCorpus(corpus, ImportFormat.BEIR, INDEX, ProgressListener.NONE, Cancellation.none());
            var info = bench.buildIndex(new Workbench.IndexRequest(INDEX, ChunkerSpec.parse("none"), Embedders.DEFAULT),
                    ProgressListener.NONE, Cancellation.none());
            indexName = info.name();
            var set = EvalSetReader.beir(EVAL_SET, SCIFACT.resolve("queries.jsonl"), qrels);
            // only the judged queries: a set of 30 queries, not SciFact's 1,109
            bench.evalSets().save(new dev.ragworkbench.evaluation.EvalSet(EVAL_SET, onlyJudged(set), set.qrels()),
                    INDEX, "test", "30 SciFact test queries");
        }
    }

    private static java.util.SequencedMap<String, String> onlyJudged(dev.ragworkbench.evaluation.EvalSet set) {
        var texts = new java.util.LinkedHashMap<String, String>();
        set.queries().forEach((id, text) -> {
            if (set.qrels().queryIds().contains(id)) {
                texts.put(id, text);
            }
        });
        return texts;
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else if (!p.getFileName().toString().endsWith(".lock.db")) {
                    Files.copy(p, t);
                }
            }
        }
    }
}
