package dev.ragworkbench.chunking;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static dev.ragworkbench.chunking.TestData.TOKENIZER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Times fixed, recursive and Markdown chunking of a 50-page document (150,000 characters of COVID-QA articles),
 * which a later UI re-chunks on every slider change. Logged, not asserted: wall time on a shared machine is noise.
 */
class ChunkingSpeedTest {

    private static final Logger log = LoggerFactory.getLogger(ChunkingSpeedTest.class);

    @Test
    void fiftyPagesChunkInWellUnderASecond() {
        var doc = TestData.longDocument(150_000);
        assertThat(doc.text()).hasSize(150_000);
        assertThat(doc.pageStarts()).hasSize(50);
        for (String spec : new String[]{"fixed:size=256,overlap=0", "fixed:size=200,overlap=40",
                "recursive:size=256,overlap=0", "recursive:size=512,overlap=64", "markdown:size=256"}) {
            var chunker = Chunkers.create(ChunkerSpec.parse(spec), TOKENIZER);
            int chunks = chunker.chunk(doc).size(); // warm-up
            long best = Long.MAX_VALUE;
            for (int run = 0; run < 3; run++) {
                var fresh = TestData.document("long-" + run, doc.text() + " ".repeat(run + 1), doc.pageStarts());
                long t0 = System.nanoTime();
                chunker.chunk(fresh); // a text not seen before: tokenized from scratch
                best = Math.min(best, System.nanoTime() - t0);
            }
            long rechunk = Long.MAX_VALUE;
            for (int run = 0; run < 3; run++) {
                long t0 = System.nanoTime();
                chunker.chunk(doc); // the same text again, as on a slider change: its token index is reused
                rechunk = Math.min(rechunk, System.nanoTime() - t0);
            }
            long tokenize = Long.MAX_VALUE;
            for (int run = 0; run < 3; run++) {
                long t0 = System.nanoTime();
                TOKENIZER.tokenize(doc.text());
                tokenize = Math.min(tokenize, System.nanoTime() - t0);
            }
            log.info("50 pages ({} chars), {}: {} chunks in {} ms first time, {} ms re-chunked "
                     + "(tokenizing the document alone: {} ms)",
                    doc.text().length(), spec, chunks, best / 1_000_000, rechunk / 1_000_000, tokenize / 1_000_000);
            assertThat(chunks).isGreaterThan(50);
        }
    }
}
