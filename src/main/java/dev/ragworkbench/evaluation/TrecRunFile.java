package dev.ragworkbench.evaluation;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.regex.Pattern;

/**
 * TREC run files: one line per retrieved document, {@code qid Q0 docid rank score tag}, whitespace separated.
 *
 * <p>The writer emits each query's documents in {@link RankingOrder#TREC_EVAL} order with ranks 1, 2, …, and
 * scores via {@link Double#toString}, the shortest text that parses back to the same double, so nothing is
 * rounded and trec_eval re-sorting the file yields exactly the ranking our metrics used. The reader, like
 * trec_eval, ignores the rank column (it must still be an integer) and orders by score.
 */
public final class TrecRunFile {

    private static final Pattern WHITESPACE = Pattern.compile("\\s");

    private TrecRunFile() {
    }

    public static void write(Rankings run, Path file) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            write(run, out);
        }
    }

    /**
     * Writes the run; the tag column is the run name with whitespace replaced by {@code _} ({@code run} if
     * empty). Ids containing whitespace cannot be written (the format has no quoting) and are rejected.
     */
    public static void write(Rankings run, Writer out) throws IOException {
        String tag = run.name().isBlank() ? "run" : WHITESPACE.matcher(run.name().strip()).replaceAll("_");
        Writer w = out instanceof BufferedWriter ? out : new BufferedWriter(out);
        var line = new StringBuilder(96);
        for (var entry : run.rankings().entrySet()) {
            String query = requireToken(entry.getKey(), "query id");
            int rank = 0;
            for (ScoredDoc doc : entry.getValue()) {
                line.setLength(0);
                line.append(query).append(" Q0 ").append(requireToken(doc.docId(), "document id")).append(' ')
                        .append(++rank).append(' ').append(Double.toString(doc.score())).append(' ').append(tag)
                        .append('\n');
                w.write(line.toString());
            }
        }
        w.flush();
    }

    private static String requireToken(String id, String what) {
        if (WHITESPACE.matcher(id).find()) {
            throw new IllegalArgumentException(what + " '" + id + "' contains whitespace; a TREC run file cannot hold it");
        }
        return id;
    }

    /** Reads a run file whole; its name is the tag of the first line (or the file name if empty). */
    public static Rankings read(Path file) throws IOException {
        List<String> lines = TextLines.read(file);
        SequencedMap<String, List<ScoredDoc>> rankings = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> lineOf = new HashMap<>();
        String tag = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            String[] f = TextLines.fields(line);
            if (f.length != 6) {
                throw new MalformedFileException(file, i + 1,
                        "expected 6 whitespace-separated fields (qid Q0 docid rank score tag) but found " + f.length);
            }
            try {
                Long.parseLong(f[3]);
            } catch (NumberFormatException e) {
                throw new MalformedFileException(file, i + 1, "rank '" + f[3] + "' is not an integer");
            }
            double score;
            try {
                score = Double.parseDouble(f[4]);
            } catch (NumberFormatException e) {
                throw new MalformedFileException(file, i + 1, "score '" + f[4] + "' is not a number");
            }
            if (Double.isNaN(score)) {
                throw new MalformedFileException(file, i + 1, "score is NaN");
            }
            Integer first = lineOf.computeIfAbsent(f[0], q -> new HashMap<>()).putIfAbsent(f[2], i + 1);
            if (first != null) {
                throw new MalformedFileException(file, i + 1, "document '" + f[2] + "' retrieved twice for query '"
                        + f[0] + "' (first on line " + first + ")");
            }
            if (tag == null) {
                tag = f[5];
            }
            rankings.computeIfAbsent(f[0], q -> new ArrayList<>()).add(new ScoredDoc(f[2], score));
        }
        return new Rankings(tag != null ? tag : file.getFileName().toString(), rankings);
    }
}
