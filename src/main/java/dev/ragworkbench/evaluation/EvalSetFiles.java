package dev.ragworkbench.evaluation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SequencedMap;
import java.util.function.Supplier;

/**
 * The user's files that make an eval set, by format, and the one place that reads each format. Specs, the
 * command line's {@code evalsets import} and the Import pane all describe a set this way.
 */
public sealed interface EvalSetFiles {

    EvalSetFormat format();

    /** The files, by the spec key (and command-line option) that names them, in a fixed order. */
    SequencedMap<String, Path> paths();

    /** BEIR {@code queries.jsonl} and one qrels split (BEIR TSV or TREC). */
    record Beir(Path queries, Path qrels) implements EvalSetFiles {
        @Override public EvalSetFormat format() { return EvalSetFormat.BEIR; }
        @Override public SequencedMap<String, Path> paths() { return ordered("queries", queries, "qrels", qrels); }
    }

    /** TREC topics (TSV {@code qid<TAB>text} or JSONL) and TREC qrels. */
    record Trec(Path topics, Path qrels) implements EvalSetFiles {
        @Override public EvalSetFormat format() { return EvalSetFormat.TREC; }
        @Override public SequencedMap<String, Path> paths() { return ordered("topics", topics, "qrels", qrels); }
    }

    /** A SQuAD-format file (COVID-QA is one). */
    record Squad(Path path) implements EvalSetFiles {
        @Override public EvalSetFormat format() { return EvalSetFormat.SQUAD; }
        @Override public SequencedMap<String, Path> paths() { return ordered("path", path); }
    }

    /** A Ragas-style file (JSONL or CSV), judged against a corpus's documents. */
    record Ragas(Path path) implements EvalSetFiles {
        @Override public EvalSetFormat format() { return EvalSetFormat.RAGAS; }
        @Override public SequencedMap<String, Path> paths() { return ordered("path", path); }
    }

    /**
     * The files of a BEIR folder's {@code split}: {@code queries.jsonl} and {@code qrels/<split>.tsv}; when
     * {@code split} is null, {@code test} if there is one, else the first split by name.
     */
    static Beir beir(Path beirDir, String split) throws IOException {
        String s = beirSplit(beirDir, split);
        return new Beir(beirDir.resolve("queries.jsonl"), beirDir.resolve("qrels").resolve(s + ".tsv"));
    }

    private static String beirSplit(Path beirDir, String split) throws IOException {
        Path qrelsDir = beirDir.resolve("qrels");
        if (!Files.isRegularFile(beirDir.resolve("queries.jsonl")) || !Files.isDirectory(qrelsDir)) {
            throw new IllegalArgumentException("not a BEIR data set: " + beirDir
                    + " needs queries.jsonl and a qrels folder");
        }
        if (split != null) {
            if (!Files.isRegularFile(qrelsDir.resolve(split + ".tsv"))) {
                throw new IllegalArgumentException("BEIR data set " + beirDir + " has no split " + split
                        + " (no qrels/" + split + ".tsv)");
            }
            return split;
        }
        if (Files.isRegularFile(qrelsDir.resolve("test.tsv"))) {
            return "test";
        }
        try (var files = Files.list(qrelsDir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tsv")).sorted().findFirst()
                    .map(n -> n.substring(0, n.length() - 4))
                    .orElseThrow(() -> new IllegalArgumentException("no qrels/*.tsv in " + beirDir));
        }
    }

    /**
     * Reads the files whole (or throws {@link MalformedFileException} naming file and line). A Ragas set names no
     * documents: its judgments come from which of {@code documents} (id → text, asked for only then) contain its
     * reference contexts.
     */
    default EvalSet read(String name, Supplier<Map<String, String>> documents) throws IOException {
        return switch (this) {
            case Beir b -> EvalSetReader.beir(name, b.queries(), b.qrels());
            case Trec t -> EvalSetReader.trec(name, t.topics(), t.qrels());
            case Squad s -> EvalSetReader.squad(name, s.path());
            case Ragas r -> RagasReader.evalSet(name, r.path(), documents.get());
        };
    }

    private static SequencedMap<String, Path> ordered(Object... namesAndPaths) {
        var map = new LinkedHashMap<String, Path>();
        for (int i = 0; i < namesAndPaths.length; i += 2) {
            map.put((String) namesAndPaths[i], (Path) namesAndPaths[i + 1]);
        }
        return Collections.unmodifiableSequencedMap(map);
    }
}
