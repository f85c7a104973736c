package dev.ragworkbench.chunking;

import dev.ragworkbench.ingest.Document;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.ragworkbench.chunking.TestData.TOKENIZER;
import static org.assertj.core.api.Assertions.assertThat;

class MarkdownChunkerTest {

    private static List<Chunk> chunk(String spec, Document doc) {
        List<Chunk> chunks = Chunkers.create(ChunkerSpec.parse(spec), TOKENIZER).chunk(doc);
        ChunkAssertions.assertWellFormed(doc, chunks, TOKENIZER);
        return chunks;
    }

    @Test
    void oneChunkPerSectionWithItsHeaderPath() {
        var chunks = chunk("markdown", TestData.document("guide.md", TestData.GUIDE_MD));
        assertThat(chunks).extracting(c -> c.metadata().getOrDefault("headers", "(none)")).containsExactly(
                "(none)", "Intro", "Intro > Setup", "Intro > Setup > Troubleshooting", "Intro > Usage", "Reference");
        assertThat(chunks.getFirst().text()).isEqualTo("Preamble before any header.");
        assertThat(chunks.get(1).text()).startsWith("# Intro").endsWith("on your own documents.");
    }

    @Test
    void hashLinesInFencedCodeAreNotHeaders() {
        var chunks = chunk("markdown", TestData.document("guide.md", TestData.GUIDE_MD));
        Chunk setup = chunks.get(2);
        assertThat(setup.text()).startsWith("## Setup")
                .contains("# this is a shell comment, not a header", "## neither is this").endsWith("```");
        assertThat(chunks.get(3).text()).contains("# still code").endsWith("~~~");
        assertThat(chunks.getLast().text()).contains("#not-a-header because there is no space");
    }

    @Test
    void smallSectionsStaySeparateAndPathsPopToTheRightLevel() {
        var chunks = chunk("markdown", TestData.document("notes.md", TestData.NOTES_MD));
        assertThat(chunks).extracting(Chunk::text).containsExactly(
                "# Notes\nShort.", "## A\na", "## B\nb", "#### Deep\ndeep text",
                "# Second top\n````\n```\n# inside a four-backtick fence, a three-backtick line does not close it\n"
                + "````\nend");
        assertThat(chunks).extracting(c -> c.metadata().get("headers")).containsExactly(
                "Notes", "Notes > A", "Notes > B", "Notes > B > Deep", "Second top");
    }

    @Test
    void largeSectionsAreSplitRecursivelyAndKeepTheirPath() {
        String paragraph = TestData.covid().getFirst().text().substring(0, 3_000);
        String text = "# Big\n\n" + paragraph + "\n\n## Small\n\nA closing remark.\n";
        var chunks = chunk("markdown:size=64", TestData.document("big.md", text));
        assertThat(chunks.size()).isGreaterThan(5);
        assertThat(chunks).allSatisfy(c -> assertThat(c.tokenCount()).isLessThanOrEqualTo(64));
        assertThat(chunks.subList(0, chunks.size() - 1))
                .allSatisfy(c -> assertThat(c.metadata()).containsEntry("headers", "Big"));
        assertThat(chunks.getLast().text()).isEqualTo("## Small\n\nA closing remark.");
        assertThat(chunks.getLast().metadata()).containsEntry("headers", "Big > Small");
    }

    @Test
    void closingHashesAndIndentedHeadersAreHandled() {
        var sections = MarkdownSections.of("   ## Title ##\ntext\n    # indented four: code, not a header\n");
        assertThat(sections).extracting(MarkdownSections.Section::headers).containsExactly("", "Title");
    }

    @Test
    void noTextNoChunks() {
        assertThat(chunk("markdown", TestData.document("empty.md", "\n  \n"))).isEmpty();
    }
}
