package dev.ragworkbench.ingest;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The visible text of an HTML page, with block elements on their own lines (blank lines around paragraphs and
 * headings) so chunkers that split on paragraphs work on it as on Markdown.
 */
final class HtmlReader implements DocumentReader {

    /** Elements whose content a reader never sees. */
    private static final Set<String> INVISIBLE = Set.of("head", "script", "style", "noscript", "template", "svg",
            "canvas", "iframe", "object", "embed", "audio", "video", "map");
    /** Blocks that separate paragraphs: a blank line before and after. */
    private static final Set<String> PARAGRAPHS = Set.of("p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
            "pre", "table", "ul", "ol", "dl", "figure", "section", "article", "header", "footer", "aside", "nav",
            "main", "form", "fieldset", "hr", "address", "details");
    /** Blocks that only start a new line. */
    private static final Set<String> LINES = Set.of("li", "div", "tr", "dt", "dd", "caption", "figcaption", "summary",
            "legend", "option", "body");

    @Override
    public String type() {
        return "html";
    }

    @Override
    public Document read(Path file, String id) throws UnreadableException, IOException {
        byte[] bytes = Files.readAllBytes(file);
        boolean utf16 = TextDecoding.startsWith(bytes, 0xFE, 0xFF) || TextDecoding.startsWith(bytes, 0xFF, 0xFE);
        if (!utf16) {
            TextDecoding.rejectBinary(bytes);
        }
        // jsoup picks the charset from a BOM or <meta charset>, defaulting to UTF-8, but replaces bad bytes silently.
        var doc = Jsoup.parse(new ByteArrayInputStream(bytes), null, file.toUri().toString());
        if (!utf16 && doc.charset().equals(StandardCharsets.UTF_8)
                && !TextDecoding.isValidUtf8(bytes, TextDecoding.startsWith(bytes, 0xEF, 0xBB, 0xBF) ? 3 : 0)) {
            TextDecoding.decode(bytes); // throws with the offending byte and offset
        }
        var text = new BlockText();
        NodeTraversor.filter(text, doc.body());
        String all = text.toString();
        PlainTextReader.requireText(all);
        return new Document(id, file.toString(), title(doc, file), all, ContentHash.of(all), type(), metadata(doc),
                List.of());
    }

    private static String title(org.jsoup.nodes.Document doc, Path file) {
        if (!doc.title().isBlank()) {
            return doc.title().strip();
        }
        Element h1 = doc.body().selectFirst("h1");
        return h1 != null && !h1.text().isBlank() ? h1.text().strip() : PlainTextReader.fileName(file);
    }

    private static Map<String, String> metadata(org.jsoup.nodes.Document doc) {
        var meta = new LinkedHashMap<String, String>();
        for (String name : List.of("description", "author", "keywords")) {
            Element el = doc.head().selectFirst("meta[name=" + name + "]");
            if (el != null && !el.attr("content").isBlank()) {
                meta.put(name, el.attr("content").strip());
            }
        }
        String lang = doc.selectFirst("html") == null ? "" : doc.selectFirst("html").attr("lang");
        if (!lang.isBlank()) {
            meta.put("lang", lang.strip());
        }
        return meta;
    }

    /** Collects text with collapsed whitespace and explicit breaks; {@code <pre>} keeps its own line structure. */
    private static final class BlockText implements NodeFilter {
        private final StringBuilder out = new StringBuilder();
        private int preDepth;

        @Override
        public FilterResult head(Node node, int depth) {
            if (node instanceof TextNode t) {
                if (preDepth > 0) {
                    out.append(TextDecoding.normalizeLineEnds(t.getWholeText()));
                } else {
                    appendCollapsed(t.getWholeText());
                }
            } else if (node instanceof Element e) {
                String tag = e.normalName();
                if (INVISIBLE.contains(tag) || e.hasAttr("hidden")
                        || e.attr("style").replace(" ", "").toLowerCase(Locale.ROOT).contains("display:none")) {
                    return FilterResult.SKIP_ENTIRELY;
                }
                if (tag.equals("br")) {
                    out.append('\n');
                } else if (PARAGRAPHS.contains(tag)) {
                    paragraphBreak();
                } else if (LINES.contains(tag)) {
                    lineBreak();
                } else if (tag.equals("td") || tag.equals("th")) {
                    if (!out.isEmpty() && !endsWithWhitespace()) {
                        out.append('\t');
                    }
                }
                if (tag.equals("pre")) {
                    preDepth++;
                }
            }
            return FilterResult.CONTINUE;
        }

        @Override
        public FilterResult tail(Node node, int depth) {
            if (node instanceof Element e) {
                String tag = e.normalName();
                if (tag.equals("pre")) {
                    preDepth--;
                }
                if (PARAGRAPHS.contains(tag)) {
                    paragraphBreak();
                } else if (LINES.contains(tag)) {
                    lineBreak();
                }
            }
            return FilterResult.CONTINUE;
        }

        private void appendCollapsed(String raw) {
            for (int i = 0; i < raw.length(); i++) {
                char c = raw.charAt(i);
                if (Character.isWhitespace(c) || c == '\u00a0') {
                    if (!out.isEmpty() && !endsWithWhitespace()) {
                        out.append(' ');
                    }
                } else {
                    out.append(c);
                }
            }
        }

        private boolean endsWithWhitespace() {
            char last = out.charAt(out.length() - 1);
            return last == ' ' || last == '\n' || last == '\t';
        }

        private void lineBreak() {
            trimTrailingSpaces();
            if (!out.isEmpty() && out.charAt(out.length() - 1) != '\n') {
                out.append('\n');
            }
        }

        private void paragraphBreak() {
            lineBreak();
            if (!out.isEmpty() && !(out.length() >= 2 && out.charAt(out.length() - 2) == '\n')) {
                out.append('\n');
            }
        }

        private void trimTrailingSpaces() {
            while (!out.isEmpty() && (out.charAt(out.length() - 1) == ' ' || out.charAt(out.length() - 1) == '\t')) {
                out.setLength(out.length() - 1);
            }
        }

        @Override
        public String toString() {
            trimTrailingSpaces();
            return out.toString().strip();
        }
    }
}
