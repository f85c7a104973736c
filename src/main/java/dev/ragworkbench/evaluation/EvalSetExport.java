package dev.ragworkbench.evaluation;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;

/**
 * Writes an eval set in the layouts other tools read: BEIR ({@code queries.jsonl}, {@code qrels/test.tsv}, for
 * BEIR's and ir_datasets' loaders) and TREC ({@code topics.tsv}, {@code qrels.txt}, for trec_eval). Both are read
 * back by {@link EvalSetReader}.
 */
public final class EvalSetExport {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The layouts an eval set can be written in. */
    public enum Format {
        BEIR, TREC;

        public static Format fromId(String id) {
            try {
                return valueOf(id.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("cannot export an eval set as '" + id + "'; expected beir or trec");
            }
        }
    }

    private EvalSetExport() {
    }

    /** Writes {@code set} into {@code dir} (created if needed) and returns the files written. */
    public static List<Path> write(EvalSet set, Format format, Path dir) throws IOException {
        Files.createDirectories(dir);
        return switch (format) {
            case BEIR -> beir(set, dir);
            case TREC -> trec(set, dir);
        };
    }

    /** {@code queries.jsonl} ({@code {"_id","text"}} per line, file order) and {@code qrels/test.tsv}. */
    private static List<Path> beir(EvalSet set, Path dir) throws IOException {
        Path queries = dir.resolve("queries.jsonl");
        try (BufferedWriter w = Files.newBufferedWriter(queries, StandardCharsets.UTF_8)) {
            for (var q : set.queries().entrySet()) {
                var object = new LinkedHashMap<String, String>();
                object.put("_id", q.getKey());
                object.put("text", q.getValue());
                w.write(JSON.writeValueAsString(object));
                w.write('\n');
            }
        }
        Path qrels = Files.createDirectories(dir.resolve("qrels")).resolve("test.tsv");
        try (BufferedWriter w = Files.newBufferedWriter(qrels, StandardCharsets.UTF_8)) {
            w.write("query-id\tcorpus-id\tscore\n");
            for (var q : set.qrels().judgments().entrySet()) {
                for (var d : q.getValue().entrySet()) {
                    requireNo(set, q.getKey(), "\t\n\r", "a BEIR qrels");
                    requireNo(set, d.getKey(), "\t\n\r", "a BEIR qrels");
                    w.write(q.getKey() + "\t" + d.getKey() + "\t" + d.getValue() + "\n");
                }
            }
        }
        return List.of(queries, qrels);
    }

    /**
     * {@code topics.tsv} ({@code id<TAB>text}, line breaks and tabs in a text folded to spaces) and
     * {@code qrels.txt} ({@code qid 0 docid grade}). TREC fields are separated by white space, so an id holding
     * one cannot be written.
     */
    private static List<Path> trec(EvalSet set, Path dir) throws IOException {
        Path topics = dir.resolve("topics.tsv");
        try (BufferedWriter w = Files.newBufferedWriter(topics, StandardCharsets.UTF_8)) {
            for (var q : set.queries().entrySet()) {
                requireNo(set, q.getKey(), " \t\n\r", "TREC topics");
                w.write(q.getKey() + "\t" + q.getValue().replaceAll("[\\t\\r\\n]+", " ").strip() + "\n");
            }
        }
        Path qrels = dir.resolve("qrels.txt");
        try (BufferedWriter w = Files.newBufferedWriter(qrels, StandardCharsets.UTF_8)) {
            for (var q : set.qrels().judgments().entrySet()) {
                for (var d : q.getValue().entrySet()) {
                    requireNo(set, d.getKey(), " \t\n\r", "TREC qrels");
                    w.write(q.getKey() + " 0 " + d.getKey() + " " + d.getValue() + "\n");
                }
            }
        }
        return List.of(topics, qrels);
    }

    private static void requireNo(EvalSet set, String id, String forbidden, String where) {
        for (char ch : forbidden.toCharArray()) {
            if (id.indexOf(ch) >= 0) {
                throw new IllegalArgumentException("eval set " + set.name() + " has the id '" + id + "', whose "
                        + (ch == ' ' ? "space" : "tab or line break") + " cannot be written in " + where
                        + "; export it as " + (where.startsWith("TREC") ? "BEIR" : "TREC") + " instead");
            }
        }
    }
}
