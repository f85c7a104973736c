package dev.ragworkbench.embedding.adapter;

import dev.ragworkbench.app.Workbench;
import dev.ragworkbench.chunking.ChunkerSpec;
import dev.ragworkbench.ingest.ImportFormat;
import dev.ragworkbench.progress.Cancellation;
import dev.ragworkbench.progress.ProgressListener;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A small real SciFact slice to train adapters on: the first {@code train} queries of {@code qrels/train.tsv}
 * (and optionally the first {@code test} of {@code qrels/test.tsv}), their relevant documents and the first
 * {@code distractors} others, indexed whole with the real MiniLM model.
 */
public final class AdapterFixture {

    public static final Path SCIFACT = Path.of(System.getProperty("ragworkbench.shared.data", "../shared/data"),
            "scifact");

    /** The files written: the corpus, and the kept qrels lines of each split (null when none were asked for). */
    public record Files(Path corpus, Path trainQrels, Path testQrels) {
    }

    private AdapterFixture() {
    }

    public static Files write(Path dir, int train, int test, int distractors) throws IOException {
        Set<String> docs = new HashSet<>();
        Path trainQrels = keep(SCIFACT.resolve("qrels/train.tsv"), train, dir.resolve("train.tsv"), docs);
        Path testQrels = test == 0 ? null : keep(SCIFACT.resolve("qrels/test.tsv"), test, dir.resolve("test.tsv"), docs);
        Path corpus = dir.resolve("corpus.jsonl");
        var lines = new ArrayList<String>();
        int others = 0;
        for (String line : java.nio.file.Files.readAllLines(SCIFACT.resolve("corpus.jsonl"))) {
            String id = line.substring(line.indexOf("\"_id\"") + 5).replaceFirst("^\\s*:\\s*\"", "").replaceFirst("\".*", "");
            if (docs.contains(id) || others++ < distractors) {
                lines.add(line);
            }
        }
        java.nio.file.Files.write(corpus, lines);
        return new Files(corpus, trainQrels, testQrels);
    }

    /** The qrels lines of the first {@code queries} queries of {@code qrels} (no header), their documents noted. */
    private static Path keep(Path qrels, int queries, Path to, Set<String> docs) throws IOException {
        var all = java.nio.file.Files.readAllLines(qrels);
        var kept = new LinkedHashSet<String>();
        var lines = new ArrayList<String>();
        for (String line : all.subList(1, all.size())) {
            String[] f = line.split("\t");
            if (!kept.contains(f[0]) && kept.size() == queries) {
                continue;
            }
            kept.add(f[0]);
            lines.add(line);
            docs.add(f[1]);
        }
        java.nio.file.Files.write(to, lines);
        return to;
    }

    /** Imports {@code files}' corpus as {@code corpus} and indexes it whole with MiniLM; the index's name. */
    public static String index(Workbench bench, Files files, String corpus) {
        bench.importCorpus(files.corpus(), ImportFormat.BEIR, corpus, ProgressListener.NONE, Cancellation.none());
        return bench.buildIndex(new Workbench.IndexRequest(corpus, ChunkerSpec.parse("none"), "all-minilm-l6-v2"),
                ProgressListener.NONE, Cancellation.none()).name();
    }
}
