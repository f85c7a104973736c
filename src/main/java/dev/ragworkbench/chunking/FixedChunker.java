package dev.ragworkbench.chunking;

import dev.ragworkbench.embedding.TextTokenizer;
import dev.ragworkbench.ingest.Document;
import dev.ragworkbench.progress.Cancellation;
import dev.ragworkbench.progress.ProgressListener;

import java.util.ArrayList;
import java.util.List;

/**
 * Windows of {@code size} document tokens, each starting {@code overlap} tokens before the previous one ended.
 * <p>
 * A window starting inside a word ({@code ##ievable}) can re-tokenize into more tokens than the document gave
 * it; such a window is cut short by whole tokens until its text fits, and the next window starts
 * {@code overlap} tokens before that shorter end. So consecutive windows always share exactly {@code overlap}
 * document tokens, and {@code tokenCount <= size} holds. Characters that yield no token (control characters) go
 * with the preceding window, so without overlap every non-whitespace character is in exactly one chunk.
 */
record FixedChunker(ChunkerSpec.Fixed spec, TextTokenizer tokenizer) implements Chunker {

    @Override
    public List<Chunk> chunk(Document doc, ProgressListener progress, Cancellation cancellation) {
        cancellation.check();
        String text = doc.text();
        TokenIndex tokens = TokenIndex.of(text, tokenizer);
        int n = tokens.size();
        var pieces = new ArrayList<Piece>();
        int first = 0;
        while (first < n) {
            int end = Math.min(first + spec.size(), n); // exclusive token index
            Span span;
            int count;
            while (true) {
                span = window(tokens, first, end);
                count = tokens.exact(span.start(), span.end());
                if (count <= spec.size() || end == first + 1) {
                    break; // one token re-tokenizes to at most 4 (see ChunkerSpec.MIN_SIZE), so this always fits
                }
                end--;
            }
            pieces.add(new Piece(span.start(), span.end(), count));
            if (end == n) {
                break;
            }
            first = Math.max(first + 1, end - spec.overlap());
        }
        return Chunks.of(doc, pieces);
    }

    /** Tokens {@code [first, end)}: from the first token (the text start for the first window) to the next one. */
    private static Span window(TokenIndex tokens, int first, int end) {
        int from = first == 0 ? 0 : tokens.start(first);
        int to = end == tokens.size() ? tokens.text().length() : tokens.start(end);
        return new Span(from, to).trim(tokens.text());
    }
}
