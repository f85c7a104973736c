package dev.ragworkbench.chunking;

import dev.ragworkbench.embedding.TextTokenizer;
import dev.ragworkbench.ingest.Document;
import dev.ragworkbench.progress.Cancellation;
import dev.ragworkbench.progress.ProgressListener;

import java.util.List;

/** The whole trimmed text as one chunk: the baseline that shows what chunking buys. */
record NoneChunker(TextTokenizer tokenizer) implements Chunker {

    @Override
    public ChunkerSpec spec() {
        return new ChunkerSpec.None();
    }

    @Override
    public List<Chunk> chunk(Document doc, ProgressListener progress, Cancellation cancellation) {
        cancellation.check();
        Span span = new Span(0, doc.text().length()).trim(doc.text());
        if (span.isEmpty()) {
            return List.of();
        }
        int count = tokenizer.count(doc.text().substring(span.start(), span.end()));
        return Chunks.of(doc, List.of(new Piece(span.start(), span.end(), count)));
    }
}
