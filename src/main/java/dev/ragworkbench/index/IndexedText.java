package dev.ragworkbench.index;

import dev.ragworkbench.chunking.Chunk;
import dev.ragworkbench.ingest.Document;

/**
 * The text that represents a chunk in an index, for BM25 and for the embedder alike: the document title
 * followed by the chunk text (as BEIR baselines index title + text), unless the chunk already begins with
 * the title, as a Markdown document under its own header does.
 */
public final class IndexedText {
    private IndexedText() {
    }

    public static String of(Document document, Chunk chunk) {
        return of(document.title(), chunk.text());
    }

    /** The same from a title (null for none) and a chunk's text, e.g. as stored in an index. */
    public static String of(String documentTitle, String chunkText) {
        String title = documentTitle == null ? "" : documentTitle.strip();
        if (title.isEmpty() || chunkText.startsWith(title) || chunkText.startsWith("# " + title)) {
            return chunkText;
        }
        return title + " " + chunkText;
    }
}
