package dev.ragworkbench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code index} again: nothing to do on the same file, an update in place when a document was added. */
class IndexCommandTest {

    @TempDir
    Path dir;

    static String doc(String id, String text) {
        return "{\"_id\":\"" + id + "\",\"title\":\"\",\"text\":\"" + text + "\"}";
    }

    @Test
    void unchangedFileIsCurrentAndAnAddedDocumentUpdatesTheIndex() throws Exception {
        Path corpus = Files.write(dir.resolve("corpus.jsonl"), List.of(doc("a", "sepsis and interleukin"),
                doc("b", "vitamin d and fractures")));
        String ws = dir.resolve("ws").toString();
        String[] index = {"index", "--workspace", ws, "--corpus", corpus.toString(), "--embedder", "none"};

        var first = CliTestSupport.run(index);
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).contains("Indexed 2 documents as 2 chunks");

        var again = CliTestSupport.run(index);
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.out()).contains("Index is current").doesNotContain("Imported");
        String[] firstLines = first.out().strip().split("\\R");
        assertThat(again.out().strip()).endsWith("\n" + firstLines[firstLines.length - 1]);

        Files.write(corpus, List.of(doc("a", "sepsis and interleukin"), doc("b", "vitamin d and fractures"),
                doc("c", "cats and sepsis")));
        var updated = CliTestSupport.run(index);
        assertThat(updated.exit()).as(updated.err()).isZero();
        assertThat(updated.out()).contains("1 new", "Updated the index: 3 documents as 3 chunks");

        var search = CliTestSupport.run("search", "--workspace", ws, "--retriever", "bm25", "--query", "cats",
                "--json");
        var hits = new com.fasterxml.jackson.databind.ObjectMapper().readTree(search.out()).get("hits");
        assertThat(hits).hasSize(1);
        assertThat(hits.get(0).get("docId").asText()).isEqualTo("c");
    }
}
