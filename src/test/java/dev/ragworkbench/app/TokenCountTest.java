package dev.ragworkbench.app;

import dev.ragworkbench.embedding.Embedders;
import dev.ragworkbench.embedding.HuggingFaceTextTokenizer;
import dev.ragworkbench.ingest.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TokenCountTest {

    @TempDir
    Path dir;

    @Test
    void countsInTheDefaultModelsTokensOncePerContent() {
        String text = "Retrieval augmented generation finds passages that answer a question. "
                      + "Chunk size decides how much context each passage carries.";
        var doc = new Document("a", "test:a", "A", text, "hash-a", "text", Map.of(), List.of());
        var tokenizer = HuggingFaceTextTokenizer.fromResource("/" + Embedders.DEFAULT + "-tokenizer.json");
        try (var workbench = Workbench.open(dir.resolve("ws"))) {
            assertThat(workbench.countedTokens(doc)).isEmpty();
            assertThat(workbench.tokenCount(doc)).isEqualTo(tokenizer.count(text));
            assertThat(workbench.countedTokens(doc)).hasValue(tokenizer.count(text));
            // the same content under another id is not counted again
            var copy = new Document("b", "test:b", "B", text, "hash-a", "text", Map.of(), List.of());
            assertThat(workbench.countedTokens(copy)).hasValue(tokenizer.count(text));
        }
    }
}
