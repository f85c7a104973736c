package dev.ragworkbench.judging;

import dev.ragworkbench.evaluation.MalformedFileException;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A file of judgments for {@code evalsets judge --from}: one {@code query-id doc-id grade} per line, separated by
 * tabs (or, when a line has no tab, by spaces). Blank lines and lines starting with {@code #} are skipped, and so
 * is a first line that is a header ({@code query-id\tcorpus-id\tscore}, as BEIR writes). The file is read whole
 * first: a bad line names the file and line, and nothing of it is written. A file {@code evalsets pool} wrote
 * ({@link PoolFile}) is read by its header: its text columns are ignored and a line with an empty grade skipped.
 */
public final class JudgmentFile {

    private JudgmentFile() {
    }

    /** The judgments of {@code file}, in file order. */
    public static List<Judgment> read(Path file) throws IOException {
        return read(file, null);
    }

    /**
     * The judgments of {@code file}, each of whose queries must be one of {@code queryIds} (null: any query), so
     * that a judgment for a query the set lacks names its line.
     */
    public static List<Judgment> read(Path file, Set<String> queryIds) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new MalformedFileException(file, 0, "the file does not exist");
        } catch (MalformedInputException e) {
            throw new MalformedFileException(file, 0, "the file is not UTF-8 text");
        }
        var judgments = new ArrayList<Judgment>();
        int first = firstContentLine(lines);
        boolean pool = first >= 0 && lines.get(first).strip().equals(PoolFile.HEADER);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#") || pool && i == first) {
                continue;
            }
            if (pool) {
                // a pool file (evalsets pool): text columns after the grade, and an empty grade is not graded yet
                String[] fields = lines.get(i).split("\t", -1);
                if (fields.length < 3) {
                    throw new MalformedFileException(file, i + 1, "a line of a pool file starts with query-id,"
                            + " doc-id and grade, separated by tabs, but this one has " + fields.length + " field"
                            + (fields.length == 1 ? "" : "s"));
                }
                if (fields[2].isBlank()) {
                    continue;
                }
                line = fields[0] + "\t" + fields[1] + "\t" + fields[2];
            }
            String[] fields = line.indexOf('\t') >= 0 ? line.split("\t") : line.split("\\s+");
            if (fields.length != 3) {
                throw new MalformedFileException(file, i + 1, "expected 3 fields (query-id, doc-id, grade) but found "
                        + fields.length);
            }
            String grade = fields[2].strip();
            if (!grade.matches("-?\\d{1,9}")) {
                if (judgments.isEmpty() && i == firstContentLine(lines)) {
                    continue; // a header
                }
                throw new MalformedFileException(file, i + 1, "the grade '" + grade + "' is not 0, 1 or 2");
            }
            int g = Integer.parseInt(grade);
            if (g < Judgment.NOT_RELEVANT || g > Judgment.HIGHLY_RELEVANT) {
                throw new MalformedFileException(file, i + 1, "the grade " + g + " is not 0, 1 or 2");
            }
            String query = fields[0].strip();
            String doc = fields[1].strip();
            if (query.isEmpty() || doc.isEmpty()) {
                throw new MalformedFileException(file, i + 1, "the query id and the document id must not be empty");
            }
            if (queryIds != null && !queryIds.contains(query)) {
                throw new MalformedFileException(file, i + 1, "the eval set has no query " + query
                        + "; add it first (evalsets add-queries)");
            }
            judgments.add(new Judgment(query, doc, g));
        }
        return judgments;
    }

    private static int firstContentLine(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (!l.isEmpty() && !l.startsWith("#")) {
                return i;
            }
        }
        return -1;
    }
}
