package dev.ragworkbench.chunking;

import dev.ragworkbench.embedding.TextTokenizer;
import dev.ragworkbench.ingest.Document;
import dev.ragworkbench.progress.Cancellation;
import dev.ragworkbench.progress.ProgressListener;

import java.util.List;

/** Paragraphs, then lines, sentences, words and tokens, merged greedily up to the size: see {@link RecursiveSplitter}. */
record RecursiveChunker(ChunkerSpec.Recursive spec, TextTokenizer tokenizer) implements Chunker {

    @Override
    public List<Chunk> chunk(Document doc, ProgressListener progress, Cancellation cancellation) {
        cancellation.check();
        var splitter = new RecursiveSplitter(TokenIndex.of(doc.text(), tokenizer), spec.size(), spec.overlap());
        return Chunks.of(doc, splitter.split(0, doc.text().length()));
    }
}
