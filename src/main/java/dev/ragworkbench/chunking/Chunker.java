package dev.ragworkbench.chunking;

import dev.ragworkbench.ingest.Document;
import dev.ragworkbench.progress.Cancellation;
import dev.ragworkbench.progress.ProgressListener;

import java.util.List;

/**
 * Cuts a document into chunks. Every chunk satisfies {@code doc.text().substring(start, end).equals(text)}, is
 * non-empty, neither starts nor ends with whitespace, and carries {@code tokenCount = tokenizer.count(text)};
 * ordinals run 0.. in document order. A document with no (non-whitespace) text gives no chunks. Chunkers are
 * stateless and thread-safe.
 */
public interface Chunker {

    ChunkerSpec spec();

    default List<Chunk> chunk(Document doc) {
        return chunk(doc, ProgressListener.NONE, Cancellation.none());
    }

    /**
     * As {@link #chunk(Document)}, reporting progress and stopping with
     * {@link dev.ragworkbench.progress.CancelledException} once cancelled (semantic chunking embeds every
     * sentence, which takes a while on long documents; the other kinds finish in milliseconds).
     */
    List<Chunk> chunk(Document doc, ProgressListener progress, Cancellation cancellation);
}
