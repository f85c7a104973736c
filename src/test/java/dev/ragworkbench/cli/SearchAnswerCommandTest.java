package dev.ragworkbench.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ragworkbench.app.Workbench;
import dev.ragworkbench.chunking.ChunkerSpec;
import dev.ragworkbench.generation.ChatModelSettings;
import dev.ragworkbench.generation.ChatProvider;
import dev.ragworkbench.generation.ChatServer;
import dev.ragworkbench.index.IndexSettings;
import dev.ragworkbench.ingest.ImportFormat;
import dev.ragworkbench.progress.Cancellation;
import dev.ragworkbench.progress.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code search --query … --answer MODEL}: the Retrieval pane's Answer button on the command line, against the
 * scripted server in the OpenAI protocol; a dead endpoint exits 1 with its reason, a predictions file 2.
 */
@SuppressWarnings("deprecation") // okhttp3.mockwebserver, as ChatServer
class SearchAnswerCommandTest {

    @TempDir
    Path dir;

    @Test
    void eachRetrieverIsAnsweredFromItsTopHits() throws Exception {
        Path docs = Files.createDirectories(dir.resolve("docs"));
        Files.writeString(docs.resolve("sun.md"), "# Sunlight\n\nSunlight on the skin makes vitamin D.\n");
        Files.writeString(docs.resolve("bones.md"), "# Bones\n\nVitamin D helps the gut take up calcium for bones.\n");
        Files.writeString(docs.resolve("tea.md"), "# Tea\n\nGreen tea holds catechins.\n");
        Path ws = dir.resolve("ws");
        try (var server = new ChatServer()) {
            int dead;
            try (var socket = new ServerSocket(0)) {
                dead = socket.getLocalPort();
            }
            try (var bench = Workbench.open(ws)) {
                bench.importCorpus(docs, ImportFormat.AUTO, "notes", ProgressListener.NONE, Cancellation.none());
                bench.buildIndex(new Workbench.IndexRequest("notes", ChunkerSpec.parse("none"), IndexSettings.NO_EMBEDDER),
                        ProgressListener.NONE, Cancellation.none());
                bench.chatModels().add(new ChatModelSettings("local", ChatProvider.OPENAI,
                        server.baseUrl(ChatProvider.OPENAI), "m-1", null, 0.0, null, null, 2, null, null, null));
                bench.chatModels().add(new ChatModelSettings("gone", ChatProvider.OPENAI,
                        "http://127.0.0.1:" + dead + "/v1", "m-1", null, 0.0, null, null, 2, null, null, null));
                Files.writeString(dir.resolve("p.jsonl"), "{\"id\": \"1\", \"output\": \"x\"}\n");
                bench.chatModels().add(ChatModelSettings.predictions("last-week", dir.resolve("p.jsonl")));
            }
            server.enqueue(ChatServer.openAiStream("It ", "helps ", "bones."));
            var r = CliTestSupport.run("search", "--workspace", ws.toString(), "--query", "vitamin D bones",
                    "--retriever", "bm25", "--retriever", "bm25:k1=1.2,b=0.75", "--answer", "local");
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out()).contains("Answers of local from each column's top 5 hits:")
                    .contains("1: bm25:b=0.4,k1=0.9\nIt helps bones.\n(answered in ")
                    .contains("3 tokens in, 3 out")
                    // the same three notes in the same order: the same prompt, so the cache answers the second
                    .contains("2: bm25:b=0.75,k1=1.2\nIt helps bones.\n(from the call cache, first answered in ");
            String prompt = new ObjectMapper().readTree(server.server.takeRequest(5, TimeUnit.SECONDS).getBody()
                    .readUtf8()).path("messages").get(0).path("content").asText();
            assertThat(prompt).contains("[1] Bones\n").contains("Question: vitamin D bones\nAnswer:");

            var failed = CliTestSupport.run("search", "--workspace", ws.toString(), "--query", "vitamin D",
                    "--retriever", "bm25", "--answer", "gone");
            assertThat(failed.exit()).isEqualTo(1);
            assertThat(failed.out()).contains("did not answer: connection refused by 127.0.0.1:" + dead);
            assertThat(failed.err()).contains("model gone did not answer for column 1: connection refused");

            var predictions = CliTestSupport.run("search", "--workspace", ws.toString(), "--query", "vitamin D",
                    "--retriever", "bm25", "--answer", "last-week");
            assertThat(predictions.exit()).isEqualTo(2);
            assertThat(predictions.err()).contains("model last-week is a predictions file");
            assertThat(server.requests()).isEqualTo(1);
        }
    }
}
