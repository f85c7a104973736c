package dev.ragworkbench.evaluation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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

    /** One JSON object of a JSONL file, with its 1-based line number for error messages. */
    record JsonLine(int line, JsonNode object) {
    }

    /**
     * The objects of a JSONL file, blank lines skipped; a line that is not JSON, or not an object, fails with
     * the file and line and {@code expected} (what an object should hold).
     */
    static List<JsonLine> jsonObjects(Path file, ObjectMapper mapper, String expected) throws IOException {
        List<String> lines = read(file);
        var objects = new ArrayList<JsonLine>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = mapper.readTree(line);
            } catch (JsonProcessingException e) {
                throw new MalformedFileException(file, i + 1, "not valid JSON: " + e.getOriginalMessage());
            }
            if (node == null || !node.isObject()) {
                throw new MalformedFileException(file, i + 1, "expected a JSON object with " + expected);
            }
            objects.add(new JsonLine(i + 1, node));
        }
        return objects;
    }
}
