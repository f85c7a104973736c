package dev.ragworkbench.chunking;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.ragworkbench.chunking.TestData.TOKENIZER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExampleChunkerTest {

    private static List<Chunk> chunk(String spec, String text) {
        var doc = TestData.document("doc", text);
        List<Chunk> chunks = Chunkers.create(ChunkerSpec.parse(spec), TOKENIZER).chunk(doc);
        ChunkAssertions.assertWellFormed(doc, chunks, TOKENIZER);
        return chunks;
    }

    @Test
    void noneIsTheTrimmedWholeText() {
        var chunks = chunk("none", "\n  Hello there, world.  \n");
        assertThat(chunks).singleElement().satisfies(c -> {
            assertThat(c.text()).isEqualTo("Hello there, world.");
            assertThat(c.start()).isEqualTo(3);
            assertThat(c.tokenCount()).isEqualTo(5);
            assertThat(c.id()).isEqualTo("doc#0");
        });
    }

    @Test
    void fixedWindowsOverlapByTokens() {
        // one token per word: windows of 8 words stepping by 5
        String text = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen";
        assertThat(TOKENIZER.count(text)).isEqualTo(15);
        var chunks = chunk("fixed:size=8,overlap=3", text);
        assertThat(chunks).extracting(Chunk::text).containsExactly(
                "one two three four five six seven eight",
                "six seven eight nine ten eleven twelve thirteen",
                "eleven twelve thirteen fourteen fifteen");
    }

    @Test
    void recursivePrefersParagraphsThenSentences() {
        String text = """
                First paragraph has one sentence about cats.

                Second paragraph is longer. It talks about dogs and their owners. Dogs like walks in the park.
                """;
        // 8 | 5 + 8 | 7 tokens: the second paragraph is too big, and neighbouring sentences do not fit together
        var chunks = chunk("recursive:size=12", text);
        assertThat(chunks).extracting(Chunk::text).containsExactly(
                "First paragraph has one sentence about cats.",
                "Second paragraph is longer.",
                "It talks about dogs and their owners.",
                "Dogs like walks in the park.");
        assertThat(chunk("recursive:size=16", text)).extracting(Chunk::text).containsExactly(
                "First paragraph has one sentence about cats.",
                "Second paragraph is longer. It talks about dogs and their owners.",
                "Dogs like walks in the park.");
        assertThat(chunk("recursive:size=64", text)).hasSize(1);
    }

    @Test
    void recursiveOverlapRepeatsTrailingWholePieces() {
        String text = "One two three. Four five six. Seven eight nine. Ten eleven twelve.";
        var chunks = chunk("recursive:size=10,overlap=4", text);
        assertThat(chunks).extracting(Chunk::text).containsExactly(
                "One two three. Four five six.",
                "Four five six. Seven eight nine.",
                "Seven eight nine. Ten eleven twelve.");
    }

    @Test
    void aGiantWordFallsBackToTokens() {
        // no whitespace, so one "word" for the splitter, but BERT splits it at every punctuation mark
        String word = "https://example.org/" + "segment-of/a_path/".repeat(25);
        assertThat(TOKENIZER.count(word)).isGreaterThan(100);
        var chunks = chunk("recursive:size=16", "Sequence: " + word + " end.");
        assertThat(chunks.size()).isGreaterThan(5);
        assertThat(chunks).allSatisfy(c -> assertThat(c.tokenCount()).isBetween(1, 16));
        assertThat(String.join("", chunks.stream().map(Chunk::text).toList()).replace(" ", ""))
                .isEqualTo(("Sequence:" + word + "end."));
    }

    @Test
    void pagesAreReportedWhereTheDocumentHasThem() {
        var doc = TestData.document("paged", "Page one has text.\n\nPage two has text.", List.of(0, 20));
        var chunks = Chunkers.create(ChunkerSpec.parse("recursive:size=8"), TOKENIZER).chunk(doc);
        assertThat(chunks).extracting(c -> c.metadata().get("page")).containsExactly("1", "2");
        assertThat(chunk("recursive:size=8", "No pages here.").getFirst().metadata()).doesNotContainKey("page");
    }

    @Test
    void semanticNeedsAnEmbedder() {
        assertThatThrownBy(() -> Chunkers.create(ChunkerSpec.parse("semantic"), TOKENIZER))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs an embedder");
    }
}
