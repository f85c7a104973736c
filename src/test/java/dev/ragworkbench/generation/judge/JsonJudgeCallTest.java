package dev.ragworkbench.generation.judge;

import dev.ragworkbench.generation.ApiKeys;
import dev.ragworkbench.generation.ChatClient;
import dev.ragworkbench.generation.ChatFailure;
import dev.ragworkbench.generation.ChatModelSettings;
import dev.ragworkbench.generation.ChatPolicy;
import dev.ragworkbench.generation.ChatProvider;
import dev.ragworkbench.generation.ChatServer;
import dev.ragworkbench.generation.KeysFile;
import dev.ragworkbench.generation.WorkspaceChatClients;
import dev.ragworkbench.progress.Cancellation;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static dev.ragworkbench.generation.ChatServer.openAi;
import static dev.ragworkbench.generation.ChatServer.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The strict JSON judge call against a scripted OpenAI-protocol server on a real socket. */
@SuppressWarnings("deprecation")
class JsonJudgeCallTest {

    record Verdict(int verdict, String reason) {
    }

    static final JsonJudgeCall.ReplyReader<Verdict> VERDICT = reply ->
            new Verdict(JsonJudgeCall.integer(reply, "verdict", 0, 1), JsonJudgeCall.text(reply, "reason"));

    @TempDir
    Path dir;
    ChatServer server;
    WorkspaceChatClients clients;
    ChatClient judge;

    @BeforeEach
    void start() throws Exception {
        server = new ChatServer();
        var noRetries = new ChatPolicy(1, Duration.ofMillis(10), 2.0, 0.5, Duration.ofMillis(50),
                Duration.ofSeconds(5), 5, Duration.ofSeconds(60));
        clients = new WorkspaceChatClients(null, new ApiKeys(Map.<String, String>of()::get,
                new KeysFile(dir.resolve("keys.json"))), noRetries);
        judge = clients.open(new ChatModelSettings("judge", ChatProvider.OPENAI, server.baseUrl(ChatProvider.OPENAI),
                "tiny", null, 0.0, 64, Duration.ofSeconds(5), 2, null, 1.0, 2.0), true);
    }

    @AfterEach
    void stop() throws Exception {
        clients.close();
        server.close();
    }

    Object ask() {
        return JsonJudgeCall.ask(judge, "q1/faithfulness", "Is it supported? Reply as JSON.", VERDICT,
                Cancellation.none());
    }

    @Test
    void validJsonIsReadAtOnceWithItsTokens() {
        server.enqueue(openAi("{\"verdict\": 1, \"reason\": \"stated in context 2\"}", 40, 9));
        var outcome = (JsonJudgeCall.Judged<?>) ask();
        assertThat(outcome.value()).isEqualTo(new Verdict(1, "stated in context 2"));
        assertThat(outcome.inputTokens()).isEqualTo(40);
        assertThat(outcome.outputTokens()).isEqualTo(9);
        assertThat(server.requests()).isEqualTo(1);
    }

    @Test
    void oneCodeFenceAroundTheObjectIsAccepted() {
        server.enqueue(openAi("```json\n{\"verdict\": 0, \"reason\": \"not in the contexts\"}\n```", 1, 1));
        assertThat(((JsonJudgeCall.Judged<?>) ask()).value()).isEqualTo(new Verdict(0, "not in the contexts"));
    }

    @Test
    void proseIsRetriedOnceWithTheParseErrorShownToTheJudge() throws Exception {
        server.enqueue(openAi("The statement is supported.", 30, 5));
        server.enqueue(openAi("{\"verdict\": 1, \"reason\": \"supported\"}", 50, 7));
        var outcome = (JsonJudgeCall.Judged<?>) ask();
        assertThat(outcome.value()).isEqualTo(new Verdict(1, "supported"));
        assertThat(outcome.replies()).hasSize(2);
        assertThat(outcome.inputTokens()).isEqualTo(80);
        server.server.takeRequest();
        RecordedRequest retry = server.server.takeRequest();
        String body = retry.getBody().readUtf8();
        assertThat(body).contains("The statement is supported.")
                .contains("the reply is not a JSON object: it starts with")
                .contains("Reply again with only the JSON object");
    }

    @Test
    void halfAnObjectTwiceFailsWithTheReasonAndBothReplies() {
        server.enqueue(openAi("{\"verdict\": 1, \"reas", 1, 1));
        server.enqueue(openAi("{\"verdict\": 1,", 1, 1));
        var outcome = (JsonJudgeCall.Failed<?>) ask();
        assertThat(outcome.kind()).isEqualTo(JsonJudgeCall.FailureKind.UNPARSEABLE);
        assertThat(outcome.reason()).startsWith("the reply is not valid JSON at line 1");
        assertThat(outcome.replyTexts()).containsExactly("{\"verdict\": 1, \"reas", "{\"verdict\": 1,");
        assertThat(outcome.cancelled()).isFalse();
    }

    @Test
    void jsonFollowedByProseAndAWrongFieldAreBothRefused() {
        server.enqueue(openAi("{\"verdict\": 1, \"reason\": \"x\"} I hope this helps!", 1, 1));
        server.enqueue(openAi("{\"verdict\": 3, \"reason\": \"x\"}", 1, 1));
        var outcome = (JsonJudgeCall.Failed<?>) ask();
        assertThat(outcome.reason()).isEqualTo("\"verdict\" must be one of [0, 1], not 3");
        assertThat(outcome.replies()).hasSize(2);
    }

    @Test
    void aMissingFieldIsNamed() {
        assertThatThrownBy(() -> VERDICT.read(JsonJudgeCall.parse("{\"verdict\": 1}")))
                .isInstanceOf(JsonJudgeCall.InvalidReply.class).hasMessage("the field \"reason\" is missing");
        assertThatThrownBy(() -> JsonJudgeCall.parse("  "))
                .hasMessage("the reply is empty, where a JSON object was asked for");
        assertThatThrownBy(() -> JsonJudgeCall.parse("[1, 2]"))
                .hasMessageStartingWith("the reply is not a JSON object");
    }

    @Test
    void aFailedCallIsAFailureOfItsOwnKindNotAParseFailure() {
        server.enqueue(status(500));
        var outcome = (JsonJudgeCall.Failed<?>) ask();
        assertThat(outcome.kind()).isEqualTo(JsonJudgeCall.FailureKind.CALL_FAILED);
        assertThat(outcome.callFailure()).isEqualTo(ChatFailure.Kind.SERVER_ERROR);
        assertThat(outcome.replies()).isEmpty();
    }
}
