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
        String title = document.title() == null ? "" : document.title().strip();
        if (title.isEmpty() || chunk.text().startsWith(title) || chunk.text().startsWith("# " + title)) {
            return chunk.text();
        }
        return title + " " + chunk.text();
    }
}
