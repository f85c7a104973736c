package dev.ragworkbench.evaluation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;

/**
 * Reads relevance judgments from the two common text formats. A file is read whole or not at all: any malformed
 * line throws {@link MalformedFileException} naming the file, the 1-based line and the problem.
 *
 * <ul>
 *   <li>BEIR TSV: header {@code query-id corpus-id score}, then {@code qid<TAB>docid<TAB>grade}. Ids may contain
 *       spaces (the separator is the tab).</li>
 *   <li>TREC qrels: {@code qid iter docid grade}, whitespace separated, {@code iter} ignored, lines starting with
 *       {@code #} are comments (as in trec_eval).</li>
 * </ul>
 * Blank lines are skipped. A (query, document) pair judged twice is an error, as in trec_eval.
 */
public final class QrelsReader {

    private QrelsReader() {
    }

    /** Reads either format, recognising BEIR TSV by its header or by tab-separated three-field lines. */
    public static Qrels read(Path file) throws IOException {
        List<String> lines = TextLines.read(file);
        for (String line : lines) {
            if (TextLines.isBlankOrComment(line)) {
                continue;
            }
            boolean beir = isBeirHeader(line) || line.split("\t", -1).length == 3;
            return beir ? parseBeir(file, lines) : parseTrec(file, lines);
        }
        return new Qrels(new LinkedHashMap<>());
    }

    public static Qrels readBeir(Path file) throws IOException {
        return parseBeir(file, TextLines.read(file));
    }

    public static Qrels readTrec(Path file) throws IOException {
        return parseTrec(file, TextLines.read(file));
    }

    private static boolean isBeirHeader(String line) {
        String[] f = line.strip().split("\\s+");
        return f.length == 3 && f[0].equalsIgnoreCase("query-id") && f[1].equalsIgnoreCase("corpus-id")
                && f[2].equalsIgnoreCase("score");
    }

    private static Qrels parseBeir(Path file, List<String> lines) throws MalformedFileException {
        var builder = new Builder(file);
        boolean headerAllowed = true;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            if (headerAllowed && isBeirHeader(line)) {
                headerAllowed = false;
                continue;
            }
            headerAllowed = false;
            String[] f = line.split("\t", -1);
            if (f.length != 3) {
                throw new MalformedFileException(file, i + 1,
                        "expected 3 tab-separated fields (query-id, corpus-id, score) but found " + f.length);
            }
            builder.add(i + 1, f[0].strip(), f[1].strip(), f[2].strip());
        }
        return builder.build();
    }

    private static Qrels parseTrec(Path file, List<String> lines) throws MalformedFileException {
        var builder = new Builder(file);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (TextLines.isBlankOrComment(line)) {
                continue;
            }
            String[] f = TextLines.fields(line);
            if (f.length != 4) {
                throw new MalformedFileException(file, i + 1,
                        "expected 4 whitespace-separated fields (qid iter docid rel) but found " + f.length);
            }
            builder.add(i + 1, f[0], f[2], f[3]);
        }
        return builder.build();
    }

    /** Collects judgments while remembering where each was first seen, for duplicate messages. */
    private static final class Builder {
        private final Path file;
        private final SequencedMap<String, SequencedMap<String, Integer>> judgments = new LinkedHashMap<>();
        private final Map<String, Map<String, Integer>> lineOf = new HashMap<>();

        Builder(Path file) {
            this.file = file;
        }

        void add(int line, String query, String doc, String grade) throws MalformedFileException {
            if (query.isEmpty()) {
                throw new MalformedFileException(file, line, "empty query id");
            }
            if (doc.isEmpty()) {
                throw new MalformedFileException(file, line, "empty document id");
            }
            int value;
            try {
                value = Integer.parseInt(grade);
            } catch (NumberFormatException e) {
                throw new MalformedFileException(file, line, "relevance grade '" + grade + "' is not an integer");
            }
            Integer first = lineOf.computeIfAbsent(query, q -> new HashMap<>()).putIfAbsent(doc, line);
            if (first != null) {
                throw new MalformedFileException(file, line, "document '" + doc + "' judged twice for query '"
                        + query + "' (first on line " + first + ")");
            }
            judgments.computeIfAbsent(query, q -> new LinkedHashMap<>()).put(doc, value);
        }

        Qrels build() {
            return new Qrels(judgments);
        }
    }
}
