package dev.ragworkbench.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ragworkbench.generation.ChatProvider;
import dev.ragworkbench.generation.ChatServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code models add|list|test|remove} in-process, against a scripted Ollama on a real socket. */
class ModelsCommandTest {

    @TempDir
    Path dir;

    CliTest.Result run(String... args) {
        var all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--workspace";
        all[args.length + 1] = dir.resolve("ws").toString();
        return CliTestSupport.run(all);
    }

    @Test
    void addListTestAndRemoveAModel() throws Exception {
        try (var server = new ChatServer()) {
            server.enqueue(ChatServer.ollamaStream("I am", " ready."));
            var added = run("models", "add", "local", "--provider", "ollama", "--base-url",
                    server.baseUrl(ChatProvider.OLLAMA), "--model", "mistral:7b", "--temperature", "0",
                    "--max-tokens", "50", "--timeout", "20", "--concurrency", "2", "--price-in", "0.1",
                    "--price-out", "0.2");
            assertThat(added.exit()).as(added.err()).isZero();
            assertThat(added.out()).contains("Added model local (ollama, mistral:7b at http://127.0.0.1:");

            Path predictions = Files.writeString(dir.resolve("tuned.jsonl"), "{\"id\":\"1\",\"output\":\"a\"}\n");
            assertThat(run("models", "add", "tuned", "--provider", "predictions", "--file", predictions.toString())
                    .exit()).isZero();

            var table = run("models", "list");
            assertThat(table.out()).contains("local", "mistral:7b", "20 s", "0.1000 / 0.2000", "tuned", "predictions");
            var json = new ObjectMapper().readTree(run("models", "list", "--json").out());
            assertThat(json).hasSize(2);
            assertThat(json.get(0).get("name").asText()).isEqualTo("local");
            assertThat(json.get(0).get("maxTokens").asInt()).isEqualTo(50);
            assertThat(json.get(0).get("key").asText()).isEqualTo("none");
            assertThat(json.get(1).get("file").asText()).isEqualTo(predictions.toAbsolutePath().toString());

            var tested = run("models", "test", "local");
            assertThat(tested.exit()).as(tested.err()).isZero();
            assertThat(tested.out()).startsWith("I am ready.\n").containsPattern("local answered in [\\d,]+ ms"
                    + " \\(3 tokens in, 2 out\\)\\.");

            assertThat(run("models", "remove", "local").out()).contains("Removed model local.");
            var gone = run("models", "test", "local");
            assertThat(gone.exit()).isEqualTo(2);
            assertThat(gone.err()).contains("error: no chat model named 'local' in this workspace; there are: tuned.");
        }
    }

    @Test
    void aDeadEndpointExits1WithTheReasonAndBadInputExits2() throws Exception {
        int free;
        try (var socket = new ServerSocket(0)) {
            free = socket.getLocalPort();
        }
        assertThat(run("models", "add", "dead", "--provider", "openai", "--base-url", "http://127.0.0.1:" + free
                + "/v1", "--model", "m").exit()).isZero();
        var dead = run("models", "test", "dead");
        assertThat(dead.exit()).isEqualTo(1);
        assertThat(dead.err()).contains("error: model dead did not answer: connection refused by 127.0.0.1:" + free);

        var noUrl = run("models", "add", "x", "--provider", "openai", "--model", "m");
        assertThat(noUrl.exit()).isEqualTo(2);
        assertThat(noUrl.err()).contains("error: provider openai needs --base-url URL and --model ID.");
        var badProvider = run("models", "add", "x", "--provider", "claude", "--model", "m");
        assertThat(badProvider.exit()).isEqualTo(2);
        assertThat(badProvider.err()).contains("unknown chat-model provider 'claude'; valid: openai, ollama, predictions");
        var twice = run("models", "add", "DEAD", "--provider", "ollama", "--base-url", "http://h", "--model", "m");
        assertThat(twice.exit()).isEqualTo(2);
        assertThat(twice.err()).contains("a chat model named 'dead' exists already");
        var pastedKey = run("models", "add", "y", "--provider", "openai", "--base-url", "http://h", "--model", "m",
                "--api-key-env", "sk-live-0123456789abcdefghij");
        assertThat(pastedKey.exit()).isEqualTo(2);
        assertThat(pastedKey.out() + pastedKey.err()).doesNotContain("sk-live-0123456789abcdefghij");
    }
}
