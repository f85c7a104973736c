package dev.ragworkbench.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Plain text: the decoded file, titled by its file name. */
final class PlainTextReader implements DocumentReader {

    @Override
    public String type() {
        return "text";
    }

    @Override
    public Document read(Path file, String id) throws UnreadableException, IOException {
        String text = readText(file);
        return new Document(id, file.toString(), fileName(file), text, ContentHash.of(text), type(), Map.of(), List.of());
    }

    /** Strictly decoded text with unified line ends; fails on blank content. */
    static String readText(Path file) throws UnreadableException, IOException {
        String text = TextDecoding.normalizeLineEnds(TextDecoding.decode(Files.readAllBytes(file)));
        requireText(text);
        return text;
    }

    static void requireText(String text) throws UnreadableException {
        if (text.isBlank()) {
            throw new UnreadableException("no text (file is empty or whitespace only)");
        }
    }

    static String fileName(Path file) {
        return file.getFileName().toString();
    }
}
