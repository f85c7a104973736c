package dev.ragworkbench.generation.judge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ragworkbench.embedding.Embedder;
import dev.ragworkbench.embedding.Embedders;
import dev.ragworkbench.generation.ApiKeys;
import dev.ragworkbench.generation.ChatModelSettings;
import dev.ragworkbench.generation.ChatPolicy;
import dev.ragworkbench.generation.ChatProvider;
import dev.ragworkbench.generation.ChatServer;
import dev.ragworkbench.generation.KeysFile;
import dev.ragworkbench.generation.WorkspaceChatClients;
import dev.ragworkbench.progress.Cancellation;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Ragas's four judge metrics against a scripted OpenAI-protocol judge on a real socket, answering by what each
 * prompt asks: a judge that returns valid JSON (values worked by hand below), one that returns prose, one that
 * returns half a JSON object, and one that gets it right only when shown its parse error.
 */
@SuppressWarnings("deprecation")
class RagasJudgeTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String QUESTION = "Where was Albert Einstein born?";
    static final String ANSWER = "Einstein was born in Germany. He was born in 1879. He liked pizza.";
    static final String REFUSAL = "I don't know.";
    static final List<String> CHUNKS = List.of("Albert Einstein was born in Ulm, Germany, in 1879.",
            "Ulm is a city on the Danube.", "Einstein received the Nobel Prize in Physics in 1921.");
    static final String REFERENCE = "Einstein was born in Ulm, Germany.";

    static Embedder embedder;

    @TempDir
    Path dir;
    ChatServer server;
    WorkspaceChatClients clients;
    final List<String> firstPrompts = new CopyOnWriteArrayList<>();
    final List<Integer> messageCounts = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void loadEmbedder() {
        embedder = Embedders.open(Embedders.DEFAULT);
    }

    @AfterAll
    static void closeEmbedder() {
        embedder.close();
    }

    @BeforeEach
    void start() throws Exception {
        server = new ChatServer();
        server.server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                try {
                    JsonNode body = JSON.readTree(request.getBody().readUtf8());
                    JsonNode messages = body.path("messages");
                    String prompt = messages.get(0).path("content").asText();
                    firstPrompts.add(prompt);
                    messageCounts.add(messages.size());
                    return ChatServer.openAi(reply(body.path("model").asText(), prompt, messages.size() > 1), 50, 10);
                } catch (IOException e) {
                    return ChatServer.status(500);
                }
            }
        });
        var noRetries = new ChatPolicy(1, Duration.ofMillis(10), 2.0, 0.5, Duration.ofMillis(50),
                Duration.ofSeconds(5), 50, Duration.ofSeconds(60));
        clients = new WorkspaceChatClients(null, new ApiKeys(Map.<String, String>of()::get,
                new KeysFile(dir.resolve("keys.json"))), noRetries);
    }

    @AfterEach
    void stop() throws Exception {
        clients.close();
        server.close();
    }

    /** What the judge {@code mode} replies to {@code prompt}; {@code retry}: the prompt comes with its parse error. */
    static String reply(String mode, String prompt, boolean retry) {
        switch (mode) {
            case "prose":
                return "I think the answer is well supported by the context.";
            case "half":
                return "{\"statements\": [\"Einstein was born in Germany.\", ";
            case "late":
                if (!retry) {
                    return "Sure! Here is my verdict: supported.";
                }
                break;
            default:
                break;
        }
        boolean refusal = prompt.contains("Answer: " + REFUSAL);
        if (prompt.startsWith("You split an answer")) {
            return refusal ? "{\"statements\": []}" : """
                    {"statements": ["Einstein was born in Germany.", "Einstein was born in 1879.", "Einstein liked pizza."]}""";
        }
        if (prompt.startsWith("You check statements")) {
            return """
                    ```json
                    {"verdicts": [
                      {"statement": "Einstein was born in Germany.", "reason": "Ulm, Germany", "verdict": 1},
                      {"statement": "Einstein was born in 1879.", "reason": "stated", "verdict": 1},
                      {"statement": "Einstein liked pizza.", "reason": "not in the context", "verdict": 0}]}
                    ```""";
        }
        if (prompt.startsWith("You guess the question")) {
            return refusal ? "{\"questions\": [\"Where was Einstein born?\", \"Where was Einstein born?\","
                    + " \"Where was Einstein born?\"], \"noncommittal\": 1}"
                    : "{\"questions\": [\"" + QUESTION + "\", \"" + QUESTION + "\", \"" + QUESTION
                    + "\"], \"noncommittal\": 0}";
        }
        if (prompt.startsWith("You judge whether a passage")) {
            int verdict = prompt.contains(CHUNKS.get(1)) ? 0 : 1; // ranks 1 and 3 useful, 2 not
            return "{\"reason\": \"r\", \"verdict\": " + verdict + "}";
        }
        if (prompt.startsWith("You check a reference answer")) {
            return """
                    {"classifications": [
                      {"statement": "Einstein was born in Ulm.", "reason": "stated", "attributed": 1},
                      {"statement": "Ulm is in Germany.", "reason": "stated", "attributed": 1},
                      {"statement": "Einstein was born.", "reason": "stated", "attributed": 1},
                      {"statement": "Einstein was born in a city.", "reason": "not said", "attributed": 0}]}""";
        }
        return "unexpected prompt";
    }

    RagasJudge judge(String mode) {
        var client = clients.open(new ChatModelSettings("judge-" + mode, ChatProvider.OPENAI,
                server.baseUrl(ChatProvider.OPENAI), mode, null, 0.0, 256, Duration.ofSeconds(5), 2, null, null, null),
                true);
        return new RagasJudge(client, () -> embedder, 3);
    }

    static RagasJudge.Item item(String answer) {
        return new RagasJudge.Item("q1", QUESTION, answer, REFERENCE, CHUNKS, String.join("\n\n", CHUNKS));
    }

    @Test
    void aJudgeThatRepliesInJsonGivesTheHandWorkedValues() {
        var judge = judge("valid");
        var item = item(ANSWER);
        // faithfulness: 3 statements, verdicts 1, 1, 0 → 2/3
        assertThat(judge.judge(RagasJudge.FAITHFULNESS, item, Cancellation.none()).value())
                .isCloseTo(2.0 / 3, within(1e-12));
        // answer_relevancy: three questions equal to the question itself → cosine 1 each
        assertThat(judge.judge(RagasJudge.ANSWER_RELEVANCY, item, Cancellation.none()).value())
                .isCloseTo(1.0, within(1e-5));
        // context_precision: useful at ranks 1 and 3 → (1/1 + 2/3) / 2 = 5/6
        var precision = judge.judge(RagasJudge.CONTEXT_PRECISION, item, Cancellation.none());
        assertThat(precision.value()).isCloseTo(5.0 / 6, within(1e-12));
        assertThat(precision.replies()).hasSize(3); // one question per chunk
        // context_recall: 3 of 4 reference statements attributed → 3/4
        var recall = judge.judge(RagasJudge.CONTEXT_RECALL, item, Cancellation.none());
        assertThat(recall.value()).isEqualTo(0.75);
        assertThat(recall.replies()).singleElement().satisfies(r -> {
            assertThat(r.inputTokens()).isEqualTo(50);
            assertThat(r.outputTokens()).isEqualTo(10);
        });
        assertThat(messageCounts).containsOnly(1); // no retry was needed
        assertThat(firstPrompts).anySatisfy(p -> assertThat(p).contains("1. Einstein was born in Germany.\n"
                + "2. Einstein was born in 1879.\n3. Einstein liked pizza."));
    }

    @Test
    void aNoncommittalAnswerScoresZeroAndAnAnswerWithoutStatementsIsItsOwnCase() {
        var judge = judge("valid");
        var refusal = item(REFUSAL);
        var faithfulness = judge.judge(RagasJudge.FAITHFULNESS, refusal, Cancellation.none());
        assertThat(faithfulness.status()).isEqualTo(JudgeVerdict.Status.NO_STATEMENTS);
        assertThat(faithfulness.scored()).isFalse();
        assertThat(faithfulness.reason()).isEqualTo("the answer makes no statement that could be checked against the context");
        assertThat(faithfulness.replies()).hasSize(1); // no verdicts asked for: nothing to judge
        var relevancy = judge.judge(RagasJudge.ANSWER_RELEVANCY, refusal, Cancellation.none());
        assertThat(relevancy.scored()).isTrue();
        assertThat(relevancy.value()).isZero();
        assertThat(RagasJudge.averagePrecision(List.of(0, 0, 0))).isZero();
        assertThat(RagasJudge.averagePrecision(List.of(0, 1))).isEqualTo(0.5);
    }

    @Test
    void aJudgeThatRepliesInProseFailsEveryMetricWithItsRepliesKept() {
        var judge = judge("prose");
        for (String metric : RagasJudge.METRICS) {
            var j = judge.judge(metric, item(ANSWER), Cancellation.none());
            assertThat(j.status()).as(metric).isEqualTo(JudgeVerdict.Status.UNPARSEABLE);
            assertThat(j.reason()).as(metric).contains("the reply is not a JSON object: it starts with \"I think the answer");
            assertThat(j.replies()).as(metric).hasSize(2) // asked, then asked again with the parse error
                    .allSatisfy(r -> assertThat(r.text()).startsWith("I think the answer is well supported"));
        }
        assertThat(judge.judge(RagasJudge.CONTEXT_PRECISION, item(ANSWER), Cancellation.none()).reason())
                .startsWith("chunk 1: the judge's reply could not be read");
        assertThat(messageCounts).contains(1, 3); // the retry carries the reply and the reason it failed
    }

    @Test
    void halfAJsonObjectIsAFailureNamingWhereTheJsonBroke() {
        var j = judge("half").judge(RagasJudge.FAITHFULNESS, item(ANSWER), Cancellation.none());
        assertThat(j.status()).isEqualTo(JudgeVerdict.Status.UNPARSEABLE);
        assertThat(j.reason()).contains("the reply is not valid JSON at line 1");
        assertThat(j.replies()).hasSize(2).allSatisfy(r -> assertThat(r.text()).startsWith("{\"statements\": ["));
    }

    @Test
    void theReadmeShowsThePromptsAsTheyAre() throws IOException {
        String readme = java.nio.file.Files.readString(Path.of("README.md"));
        for (var prompt : List.of(JudgePrompts.STATEMENTS, JudgePrompts.VERDICTS, JudgePrompts.QUESTIONS,
                JudgePrompts.USEFUL, JudgePrompts.ATTRIBUTED)) {
            assertThat(readme).contains("```text\n" + prompt.text() + "\n```");
        }
        assertThat(readme).contains("```text\n" + dev.ragworkbench.generation.PromptTemplate.DEFAULT_RAG_TEXT + "\n```");
    }

    @Test
    void aJudgeThatGetsItRightWhenShownItsErrorIsScored() {
        var j = judge("late").judge(RagasJudge.CONTEXT_RECALL, item(ANSWER), Cancellation.none());
        assertThat(j.status()).isEqualTo(JudgeVerdict.Status.SCORED);
        assertThat(j.value()).isEqualTo(0.75);
        assertThat(j.replies()).hasSize(2);
        assertThat(server.requests()).isEqualTo(2);
    }
}
