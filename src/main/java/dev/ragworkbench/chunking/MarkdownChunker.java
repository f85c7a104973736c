package dev.ragworkbench.chunking;

import dev.ragworkbench.embedding.TextTokenizer;
import dev.ragworkbench.ingest.Document;
import dev.ragworkbench.progress.Cancellation;
import dev.ragworkbench.progress.ProgressListener;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One chunk per Markdown section (see {@link MarkdownSections}), with its header path in the {@code headers}
 * metadata; a section over the size is split recursively within itself. Small neighbouring sections are not
 * merged: a header is a boundary the author chose.
 */
record MarkdownChunker(ChunkerSpec.Markdown spec, TextTokenizer tokenizer) implements Chunker {

    static final String HEADERS = "headers";

    @Override
    public List<Chunk> chunk(Document doc, ProgressListener progress, Cancellation cancellation) {
        cancellation.check();
        var splitter = new RecursiveSplitter(TokenIndex.of(doc.text(), tokenizer), spec.size(), 0);
        var pieces = new ArrayList<Piece>();
        for (var section : MarkdownSections.of(doc.text())) {
            Map<String, String> metadata = section.headers().isEmpty() ? Map.of() : Map.of(HEADERS, section.headers());
            for (Piece piece : splitter.split(section.start(), section.end())) {
                pieces.add(piece.withMetadata(metadata));
            }
        }
        return Chunks.of(doc, pieces);
    }
}
