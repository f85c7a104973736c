package dev.ragworkbench.chunking;

import dev.ragworkbench.embedding.Embedder;
import dev.ragworkbench.embedding.TextTokenizer;

import java.util.Objects;

/** Creates the {@link Chunker} for a {@link ChunkerSpec}. */
public final class Chunkers {

    private Chunkers() {
    }

    /** The chunker for {@code spec}, measuring in {@code embedder}'s tokens (semantic also uses its embeddings). */
    public static Chunker create(ChunkerSpec spec, Embedder embedder) {
        Objects.requireNonNull(embedder, "embedder");
        return spec instanceof ChunkerSpec.Semantic semantic
                ? new SemanticChunker(semantic, embedder)
                : create(spec, embedder.tokenizer());
    }

    /**
     * The chunker for {@code spec} with only a tokenizer, e.g. to preview chunks without loading a model. Semantic
     * chunking needs embeddings, so it is refused here.
     */
    public static Chunker create(ChunkerSpec spec, TextTokenizer tokenizer) {
        Objects.requireNonNull(tokenizer, "tokenizer");
        return switch (spec) {
            case ChunkerSpec.None _ -> new NoneChunker(tokenizer);
            case ChunkerSpec.Fixed fixed -> new FixedChunker(fixed, tokenizer);
            case ChunkerSpec.Recursive recursive -> new RecursiveChunker(recursive, tokenizer);
            case ChunkerSpec.Markdown markdown -> new MarkdownChunker(markdown, tokenizer);
            case ChunkerSpec.Semantic _ -> throw new IllegalArgumentException(
                    "semantic chunking needs an embedder, not just a tokenizer: " + spec);
        };
    }
}
