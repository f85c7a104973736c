package dev.ragworkbench.judging;

import dev.ragworkbench.evaluation.Qrels;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A pool written out for grading elsewhere (a spreadsheet, an editor, a colleague): {@code evalsets pool}, the
 * command-line twin of the Retrieval pane's blind pooled judging. One line per pooled document in judging order,
 * with the grade the set already holds or an empty grade, and the query and the chunk's text beside it, without
 * the retriever's name or rank. {@link JudgmentFile} reads it back ({@code evalsets judge --from}): its header
 * tells it that the text columns follow and that an empty grade is a document not graded yet.
 */
public final class PoolFile {

    /** The first line; {@link JudgmentFile} recognises a pool file by it. */
    public static final String HEADER = "query-id\tdoc-id\tgrade\tquery\ttitle\ttext";

    private PoolFile() {
    }

    /** The lines of {@code pool}'s file, the grades of {@code judged} filled in. */
    public static List<String> lines(Pool pool, Qrels judged) {
        var lines = new ArrayList<String>();
        lines.add(HEADER);
        for (PoolQuery q : pool.queries()) {
            var grades = judged.judgments(q.id());
            for (PoolItem item : q.items()) {
                Integer grade = grades.get(item.documentId());
                lines.add(String.join("\t", item.queryId(), item.documentId(), grade == null ? "" : grade.toString(),
                        cell(item.queryText()), cell(item.title()), cell(item.text())));
            }
        }
        return lines;
    }

    /** Writes {@code pool}'s file to {@code out} whole or not at all (a temporary file moved into place). */
    public static void write(Pool pool, Qrels judged, Path out) throws IOException {
        Path dir = out.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".pool-", ".tsv");
        try {
            Files.write(tmp, lines(pool, judged), StandardCharsets.UTF_8);
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** A text as one TSV cell: tabs and line breaks would split it, so they become spaces. */
    static String cell(String text) {
        return text == null ? "" : text.replaceAll("[\\t\\r\\n\\u2028\\u2029\\u0085]+", " ").strip();
    }
}
