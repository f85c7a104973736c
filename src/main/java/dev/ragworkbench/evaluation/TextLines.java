package dev.ragworkbench.evaluation;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads a whole text file as UTF-8 lines, turning a bad encoding into a {@link MalformedFileException}. */
final class TextLines {

    private TextLines() {
    }

    static List<String> read(Path file) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new MalformedFileException(file, 0, "not valid UTF-8 text");
        }
        // Files written on Windows tools often start with a byte-order mark; it is not part of the first id.
        if (!lines.isEmpty() && lines.getFirst().startsWith("\uFEFF")) {
            lines.set(0, lines.getFirst().substring(1));
        }
        return lines;
    }

    /** Splits on runs of ASCII whitespace, as C's isspace-based tokenising in trec_eval does. */
    static String[] fields(String line) {
        return line.strip().split("[ \\t\\x0B\\f\\r]+");
    }

    static boolean isBlankOrComment(String line) {
        String s = line.strip();
        return s.isEmpty() || s.startsWith("#");
    }
}
