package dev.ragworkbench.chunking;

import dev.ragworkbench.embedding.TextTokenizer;
import dev.ragworkbench.ingest.Document;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The invariants every chunker promises, checked against the real tokenizer. */
final class ChunkAssertions {

    private ChunkAssertions() {
    }

    static void assertWellFormed(Document doc, List<Chunk> chunks, TextTokenizer tokenizer) {
        int previousStart = -1;
        for (int i = 0; i < chunks.size(); i++) {
            Chunk c = chunks.get(i);
            assertThat(c.documentId()).isEqualTo(doc.id());
            assertThat(c.ordinal()).isEqualTo(i);
            assertThat(c.text()).as("chunk %d", i).isNotEmpty()
                    .isEqualTo(doc.text().substring(c.start(), c.end()));
            assertThat(Span.isSpace(c.text().charAt(0))).as("chunk %d starts with whitespace", i).isFalse();
            assertThat(Span.isSpace(c.text().charAt(c.text().length() - 1))).as("chunk %d ends with whitespace", i)
                    .isFalse();
            assertThat(c.start()).as("chunk %d start", i).isGreaterThanOrEqualTo(previousStart);
            previousStart = c.start();
            assertThat(c.tokenCount()).as("token count of chunk %d: %s", i, c.text())
                    .isEqualTo(tokenizer.count(c.text()));
        }
    }

    /** How many chunks hold each character of the document. */
    static int[] coverage(Document doc, List<Chunk> chunks) {
        int[] cover = new int[doc.text().length()];
        for (Chunk c : chunks) {
            for (int i = c.start(); i < c.end(); i++) {
                cover[i]++;
            }
        }
        return cover;
    }
}
