package dev.ragworkbench.chunking;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Sections of a Markdown text: each runs from an ATX header line ({@code #} to {@code ######} at the start of a
 * line, up to three spaces in) to the next header of any level; text before the first header is a section with
 * an empty path. Lines inside fenced code ({@code ```} or {@code ~~~}) are never headers: a {@code # comment} in
 * a shell snippet must not cut the snippet.
 */
final class MarkdownSections {

    /** A section's range and its header path, e.g. {@code Intro > Setup}; empty before the first header. */
    record Section(int start, int end, String headers) {
    }

    private static final Pattern HEADER = Pattern.compile("^ {0,3}(#{1,6})(?:[ \\t]+(.*?))??(?:[ \\t]+#+)?[ \\t]*$");
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})(.*)$");

    private MarkdownSections() {
    }

    static List<Section> of(String text) {
        record Header(int level, String title) {
        }
        var sections = new ArrayList<Section>();
        var path = new ArrayList<Header>();
        int sectionStart = 0;
        String sectionPath = "";
        String fence = null; // the opening fence while inside fenced code
        int lineStart = 0;
        while (lineStart < text.length()) {
            int nl = text.indexOf('\n', lineStart);
            int lineEnd = nl < 0 ? text.length() : nl;
            String line = text.substring(lineStart, lineEnd);
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            var fenceMatch = FENCE.matcher(line);
            if (fence == null && fenceMatch.matches()
                && !(fenceMatch.group(1).charAt(0) == '`' && fenceMatch.group(2).contains("`"))) {
                fence = fenceMatch.group(1);
            } else if (fence != null) {
                // a closing fence: the same character, at least as long, nothing but spaces after it
                if (fenceMatch.matches() && fenceMatch.group(1).charAt(0) == fence.charAt(0)
                    && fenceMatch.group(1).length() >= fence.length() && fenceMatch.group(2).isBlank()) {
                    fence = null;
                }
            } else {
                var header = HEADER.matcher(line);
                if (header.matches()) {
                    sections.add(new Section(sectionStart, lineStart, sectionPath));
                    int level = header.group(1).length();
                    while (!path.isEmpty() && path.getLast().level() >= level) {
                        path.removeLast();
                    }
                    path.add(new Header(level, header.group(2) == null ? "" : header.group(2).strip()));
                    sectionStart = lineStart;
                    sectionPath = String.join(" > ", path.stream().map(Header::title).toList());
                }
            }
            lineStart = lineEnd + 1;
        }
        sections.add(new Section(sectionStart, text.length(), sectionPath));
        return sections;
    }
}
