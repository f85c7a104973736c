package dev.ragworkbench.ingest;

import java.util.List;
import java.util.Map;

/**
 * One imported source.
 *
 * @param id          stable id: a BEIR {@code _id}, or a file's path relative to the corpus root with '/' separators
 * @param source      where it came from (absolute path or file plus line), for messages
 * @param title       title (BEIR title, HTML title, PDF title, first Markdown header, or the file name)
 * @param text        the extracted plain text; chunk offsets refer to it
 * @param contentHash SHA-256 (hex) of {@code text}; re-importing equal content is a no-op
 * @param type        {@code markdown}, {@code text}, {@code pdf}, {@code html} or {@code beir}
 * @param metadata    free-form extra fields (BEIR metadata, PDF author, …)
 * @param pageStarts  start offset in {@code text} of each page, in page order; empty where the source has no pages
 */
public record Document(String id, String source, String title, String text, String contentHash, String type,
                       Map<String, String> metadata, List<Integer> pageStarts) {

    public Document {
        metadata = Map.copyOf(metadata);
        pageStarts = List.copyOf(pageStarts);
    }

    /** 1-based page number of the character at {@code offset}, or 0 when the document has no pages. */
    public int pageAt(int offset) {
        int page = 0;
        for (int i = 0; i < pageStarts.size() && pageStarts.get(i) <= offset; i++) {
            page = i + 1;
        }
        return page;
    }
}
