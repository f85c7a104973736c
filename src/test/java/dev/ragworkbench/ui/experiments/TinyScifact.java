package dev.ragworkbench.ui.experiments;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A few SciFact documents and the test queries judged against them, as a BEIR folder: small enough that a BM25
 * grid over it runs in a second, real enough that its runs differ.
 */
public final class TinyScifact {

    private static final Path DATA = Path.of(System.getProperty("ragworkbench.shared.data", "../shared/data"));

    private TinyScifact() {
    }

    /** {@code queries} judged test queries, their relevant documents and {@code extra} others, under {@code dir}. */
    public static Path write(Path dir, int queries, int extra) throws IOException {
        Path scifact = DATA.resolve("scifact");
        List<String> qrels = Files.readAllLines(scifact.resolve("qrels/test.tsv"));
        var keptQueries = new LinkedHashSet<String>();
        var keptDocs = new LinkedHashSet<String>();
        var keptQrels = new ArrayList<String>();
        keptQrels.add(qrels.getFirst());
        for (String line : qrels.subList(1, qrels.size())) {
            String[] f = line.split("\t");
            if (keptQueries.size() < queries || keptQueries.contains(f[0])) {
                keptQueries.add(f[0]);
                keptDocs.add(f[1]);
                keptQrels.add(line);
            }
        }
        var docLines = new ArrayList<String>();
        int others = 0;
        try (var lines = Files.lines(scifact.resolve("corpus.jsonl"))) {
            for (String line : (Iterable<String>) lines::iterator) {
                String id = idOf(line);
                if (keptDocs.contains(id)) {
                    docLines.add(line);
                } else if (others < extra) {
                    docLines.add(line);
                    others++;
                }
            }
        }
        var queryLines = Files.readAllLines(scifact.resolve("queries.jsonl")).stream()
                .filter(l -> keptQueries.contains(idOf(l))).toList();
        Files.createDirectories(dir.resolve("qrels"));
        Files.write(dir.resolve("corpus.jsonl"), docLines);
        Files.write(dir.resolve("queries.jsonl"), queryLines);
        Files.write(dir.resolve("qrels/test.tsv"), keptQrels);
        return dir;
    }

    private static String idOf(String jsonLine) {
        int key = jsonLine.indexOf("\"_id\"");
        int start = jsonLine.indexOf('"', jsonLine.indexOf(':', key) + 1) + 1;
        return jsonLine.substring(start, jsonLine.indexOf('"', start));
    }

    static Set<String> ids(Path file) throws IOException {
        var ids = new LinkedHashSet<String>();
        for (String l : Files.readAllLines(file)) {
            ids.add(idOf(l));
        }
        return ids;
    }
}
