package dev.ragworkbench.generation;

import dev.ragworkbench.workspace.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChatModelStoreTest {

    @TempDir
    Path dir;

    static ChatModelSettings ollama(String name) {
        return new ChatModelSettings(name, ChatProvider.OLLAMA, "http://localhost:11434/", "mistral:7b", null, 0.2,
                256, Duration.ofSeconds(30), 2, null, null, null);
    }

    @Test
    void addsGetsListsUpdatesAndRemovesModelsKeptAcrossReopening() throws Exception {
        Path predictions = Files.writeString(dir.resolve("tuned.jsonl"), "{\"id\":\"1\",\"output\":\"x\"}\n");
        try (var ws = Workspace.open(dir.resolve("ws"))) {
            var store = new ChatModelStore(ws);
            var base = store.add(ollama("mistral-base"));
            assertThat(base.baseUrl()).isEqualTo("http://localhost:11434"); // trailing slash dropped
            store.add(ChatModelSettings.predictions("mistral-tuned", predictions));
            store.add(new ChatModelSettings("gpt", ChatProvider.OPENAI, "https://api.example.com/v1", "gpt-4o-mini",
                    null, null, null, null, 8, "OPENAI_API_KEY", 0.15, 0.6));
            assertThatThrownBy(() -> store.add(ollama("MISTRAL-BASE")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exists already");
            store.update("gpt", new ChatModelSettings("gpt-mini", ChatProvider.OPENAI, "https://api.example.com/v1",
                    "gpt-4o-mini", null, 0.0, 100, Duration.ofSeconds(20), 8, "OPENAI_API_KEY", 0.15, 0.6));
        }
        try (var ws = Workspace.open(dir.resolve("ws"))) {
            var store = new ChatModelStore(ws);
            assertThat(store.list()).extracting(ChatModelSettings::name)
                    .containsExactly("gpt-mini", "mistral-base", "mistral-tuned");
            assertThat(store.get("mistral-base")).isEqualTo(ChatModelChecks.validate(ollama("mistral-base")));
            assertThat(store.get("mistral-tuned").predictionsFile()).isEqualTo(predictions.toAbsolutePath());
            var gpt = store.get("gpt-mini");
            assertThat(gpt.apiKeyEnv()).isEqualTo("OPENAI_API_KEY");
            assertThat(gpt.maxTokens()).isEqualTo(100);
            assertThat(gpt.priceOutputPer1k()).isEqualTo(0.6);
            assertThat(store.find("gpt")).isEmpty();
            assertThat(store.remove("gpt-mini")).isTrue();
            assertThat(store.remove("gpt-mini")).isFalse();
            assertThatThrownBy(() -> store.get("gpt-mini")).hasMessage("no chat model named 'gpt-mini' in this"
                    + " workspace; there are: mistral-base, mistral-tuned");
        }
    }

    @Test
    void refusesSettingsThatCannotWorkWithOneSentenceEach() {
        try (var ws = Workspace.open(dir.resolve("ws"))) {
            var store = new ChatModelStore(ws);
            assertThatThrownBy(() -> store.add(ollama("has space"))).hasMessageContaining("no spaces");
            assertThatThrownBy(() -> store.add(new ChatModelSettings("x", ChatProvider.OLLAMA, "localhost:11434",
                    "m", null, null, null, null, 1, null, null, null))).hasMessageContaining("not an http");
            assertThatThrownBy(() -> store.add(new ChatModelSettings("x", ChatProvider.OLLAMA, "http://h", "m", null,
                    3.0, null, null, 1, null, null, null))).hasMessage("model x: temperature 3.0 is outside 0 to 2");
            assertThatThrownBy(() -> store.add(new ChatModelSettings("x", ChatProvider.OPENAI, "http://h", "m", null,
                    null, null, null, 1, "sk-abc123def456ghi789jkl012", null, null)))
                    .hasMessageContaining("not the key itself");
            assertThatThrownBy(() -> store.add(new ChatModelSettings("x", ChatProvider.OPENAI, "http://h", "m", null,
                    null, null, null, 1, "abc123def456ghi789jkl012mno", null, null)))
                    .hasMessageContaining("looks like a key");
            assertThatThrownBy(() -> store.add(ChatModelSettings.predictions("p", dir.resolve("missing.jsonl"))))
                    .hasMessageContaining("does not exist");
            assertThatThrownBy(() -> store.add(new ChatModelSettings("x", ChatProvider.OLLAMA, "http://h", "m", null,
                    null, null, Duration.ofHours(2), 1, null, null, null))).hasMessageContaining("timeout");
            assertThat(store.list()).isEmpty();
        }
    }
}
