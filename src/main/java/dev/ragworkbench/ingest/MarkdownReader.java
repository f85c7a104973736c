package dev.ragworkbench.ingest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Markdown kept as written (chunk offsets refer to the Markdown source), titled by its first level-1 ATX header.
 */
final class MarkdownReader implements DocumentReader {

    // CommonMark ATX level 1: up to three spaces, one '#', then a space (or nothing), optional closing #s.
    private static final Pattern H1 = Pattern.compile("^ {0,3}#(?:[ \\t]+(.*?))?(?:[ \\t]+#+)?[ \\t]*$");
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,}).*$");

    @Override
    public String type() {
        return "markdown";
    }

    @Override
    public Document read(Path file, String id) throws UnreadableException, IOException {
        String text = PlainTextReader.readText(file);
        String title = firstH1(text);
        return new Document(id, file.toString(), title == null ? PlainTextReader.fileName(file) : title, text,
                ContentHash.of(text), type(), Map.of(), List.of());
    }

    /** The first level-1 ATX header outside fenced code (a {@code # comment} in a shell block is no title), or null. */
    static String firstH1(String markdown) {
        String fence = null;
        for (String line : markdown.split("\n", -1)) {
            var fenceMatch = FENCE.matcher(line);
            if (fenceMatch.matches()) {
                String marker = fenceMatch.group(1);
                if (fence == null) {
                    fence = marker;
                } else if (marker.charAt(0) == fence.charAt(0) && marker.length() >= fence.length()
                        && line.strip().equals(marker)) {
                    fence = null;
                }
                continue;
            }
            if (fence != null) {
                continue;
            }
            var h1 = H1.matcher(line);
            if (h1.matches() && h1.group(1) != null && !h1.group(1).isBlank()) {
                return h1.group(1).strip();
            }
        }
        return null;
    }
}
