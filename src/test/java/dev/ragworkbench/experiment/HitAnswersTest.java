package dev.ragworkbench.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ragworkbench.app.Workbench;
import dev.ragworkbench.generation.ChatFailure;
import dev.ragworkbench.generation.ChatModelSettings;
import dev.ragworkbench.generation.ChatProvider;
import dev.ragworkbench.generation.ChatServer;
import dev.ragworkbench.index.StoredChunk;
import dev.ragworkbench.progress.Cancellation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A question answered from given chunks by a stored model on the scripted server (OpenAI wire protocol). */
class HitAnswersTest {

    @TempDir
    Path dir;

    static final List<StoredChunk> CHUNKS = List.of(
            new StoredChunk("d1#0", "d1", 0, 0, 20, 5, "Vitamin D and bone", "  Vitamin D keeps bones dense. "),
            new StoredChunk("d2#3", "d2", 3, 90, 120, 6, null, "Calcium matters too."));

    @Test
    void theModelIsAskedWithTheAnswerSpecsPromptOverTheNumberedChunksAndItsAnswerStreams() throws Exception {
        try (var bench = Workbench.open(dir.resolve("ws")); var server = new ChatServer()) {
            bench.chatModels().add(new ChatModelSettings("local", ChatProvider.OPENAI,
                    server.baseUrl(ChatProvider.OPENAI), "m-1", null, 0.0, null, null, 2, null, null, null));
            Files.writeString(dir.resolve("p.jsonl"), "{\"id\": \"1\", \"output\": \"x\"}\n");
            bench.chatModels().add(ChatModelSettings.predictions("last-week", dir.resolve("p.jsonl")));
            var answers = bench.hitAnswers();
            assertThat(answers.models()).extracting(ChatModelSettings::name).containsExactly("local");

            server.enqueue(ChatServer.openAiStream("Dense ", "bones."));
            var pieces = new ArrayList<String>();
            var answer = answers.answer("What does vitamin D do?", CHUNKS, "local", pieces::add, Cancellation.none());
            assertThat(answer.ok()).isTrue();
            assertThat(answer.reply().text()).isEqualTo("Dense bones.");
            assertThat(pieces).containsExactly("Dense ", "bones.");
            String prompt = new ObjectMapper().readTree(server.server.takeRequest(5, TimeUnit.SECONDS).getBody()
                    .readUtf8()).path("messages").get(0).path("content").asText();
            assertThat(prompt).isEqualTo("""
                    Answer the question from the context below. Give only the answer, as short as it can be; if the \
                    context does not contain it, say that you do not know.

                    Context:
                    [1] Vitamin D and bone
                    Vitamin D keeps bones dense.

                    [2]
                    Calcium matters too.

                    Question: What does vitamin D do?
                    Answer:""");
            assertThat(HitAnswers.request("What does vitamin D do?", CHUNKS).messages().getLast().text())
                    .isEqualTo(prompt);

            // the same question over the same chunks: the call cache's answer, no call
            var again = answers.answer("What does vitamin D do?", CHUNKS, "local", p -> { }, Cancellation.none());
            assertThat(again.reply().cached()).isTrue();
            assertThat(server.requests()).isEqualTo(1);

            server.enqueue(ChatServer.status(401));
            var refused = answers.answer("Another?", CHUNKS, "local", p -> { }, Cancellation.none());
            assertThat(refused.ok()).isFalse();
            assertThat(refused.failure()).isEqualTo(ChatFailure.Kind.AUTHENTICATION);
            assertThat(refused.reason()).contains("401");

            assertThatThrownBy(() -> answers.answer("q", CHUNKS, "last-week", p -> { }, Cancellation.none()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("model last-week is a predictions file");
            assertThatThrownBy(() -> answers.answer("q", CHUNKS, "nobody", p -> { }, Cancellation.none()))
                    .hasMessageContaining("no stored model nobody");
            assertThatThrownBy(() -> answers.answer("q", List.of(), "local", p -> { }, Cancellation.none()))
                    .hasMessageContaining("no hits to answer from");
        }
    }
}
