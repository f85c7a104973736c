package dev.ragworkbench.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ragworkbench.embedding.TestCrossEncoders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --retriever ...+rerank:...} on the command line: a cross-encoder folder is used, a non-model refused. */
class RerankCommandLineTest {

    @TempDir
    Path dir;

    private String ws() {
        return dir.resolve("ws").toString();
    }

    private void indexDocs() throws Exception {
        Files.createDirectories(dir.resolve("docs"));
        Files.writeString(dir.resolve("docs/sepsis.md"), "# Sepsis\n\nIL-6 levels rise in sepsis.\n");
        Files.writeString(dir.resolve("docs/cells.md"), "# Cells\n\nStem cells and sepsis: cells, cells.\n");
        Files.writeString(dir.resolve("docs/cats.txt"), "Cats sleep most of the day; sepsis is rare in cats.\n");
        assertThat(CliTestSupport.run("index", "--workspace", ws(), "--corpus", dir.resolve("docs").toString(),
                "--embedder", "none").exit()).isZero();
    }

    @Test
    void aCrossEncoderReordersTheHitsAndItsLatencyIsShownApart() throws Exception {
        indexDocs();
        Path ce = TestCrossEncoders.counting(dir.resolve("ce"), 4442); // "cells"
        var r = CliTestSupport.run("search", "--workspace", ws(), "--retriever", "bm25+rerank:model=" + ce,
                "--query", "sepsis", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        var json = new ObjectMapper().readTree(r.out());
        assertThat(json.path("hits").get(0).path("docId").asText()).isEqualTo("cells.md");
        // "# Cells" heads the chunk, so the title is not added again: four "cells" tokens.
        assertThat(json.path("hits").get(0).path("score").asDouble()).isEqualTo(4);
        assertThat(json.path("latencyMs").has("rerank")).isTrue();
    }

    @Test
    void aPathThatIsNoCrossEncoderExitsWithTwoSayingWhatWasExpected() throws Exception {
        indexDocs();
        for (Path bad : new Path[]{dir.resolve("missing"), dir.resolve("docs/cats.txt"), dir.resolve("docs")}) {
            var r = CliTestSupport.run("search", "--workspace", ws(), "--retriever", "bm25+rerank:model=" + bad,
                    "--query", "sepsis");
            assertThat(r.exit()).as(r.err()).isEqualTo(2);
            assertThat(r.lastErrLine()).startsWith("error: ").contains(bad.toString())
                    .contains("expected a cross-encoder: a folder holding model.onnx");
            assertThat(r.err()).doesNotContain("Exception", "\tat ");
        }
    }
}
