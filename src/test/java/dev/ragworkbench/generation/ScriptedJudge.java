package dev.ragworkbench.generation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pairwise judge on the scripted OpenAI-protocol server: a {@link Dispatcher} that reads each request's prompt
 * (the reference and the responses in positions A and B) and answers as its {@link Behaviour} says, so a test
 * knows every verdict without a model. Token counts are fixed ({@value #IN} in, {@value #OUT} out per call).
 */
@SuppressWarnings("deprecation") // the okhttp3.mockwebserver API, as ChatServer
public final class ScriptedJudge extends Dispatcher {

    public static final int IN = 50;
    public static final int OUT = 7;

    /** What the judge sees of one question. */
    public record Question(String reference, String first, String second, int attempt) {
    }

    /** The judge's reply text to a question. */
    @FunctionalInterface
    public interface Behaviour {
        String reply(Question q);
    }

    /** Prefers the response equal to the reference; both or neither is a tie. Valid JSON every time. */
    public static final Behaviour FAIR = q -> {
        boolean a = q.first().equals(q.reference());
        boolean b = q.second().equals(q.reference());
        String v = a == b ? "tie" : a ? "A" : "B";
        return "{\"reason\": \"closest to the reference\", \"verdict\": \"" + v + "\"}";
    };
    /** Always prefers whatever is shown first, in valid JSON. */
    public static final Behaviour FIRST_POSITION = q -> "{\"reason\": \"A is better\", \"verdict\": \"A\"}";
    /** Answers in prose, retry or not. */
    public static final Behaviour PROSE = q -> "Response A is better because it is closer to the reference.";
    /** Half a JSON object: the reply stops in its middle. */
    public static final Behaviour HALF_JSON = q -> "{\"reason\": \"A matches the reference\", \"verd";
    /** Prose at first, valid JSON on the retry (which shows it the parse error). */
    public static final Behaviour PROSE_THEN_FAIR = q -> q.attempt() == 0 ? PROSE.reply(q) : FAIR.reply(q);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PARTS = Pattern.compile(
            "\\[Reference answer]\\n(.*?)\\n\\n\\[Response A]\\n(.*?)\\n\\[End of response A]\\n\\n\\[Response B]\\n(.*?)\\n\\[End of response B]",
            Pattern.DOTALL);

    private final Behaviour behaviour;
    private final AtomicInteger calls = new AtomicInteger();

    public ScriptedJudge(Behaviour behaviour) {
        this.behaviour = behaviour;
    }

    public int calls() {
        return calls.get();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        calls.incrementAndGet();
        try {
            JsonNode body = JSON.readTree(request.getBody().readUtf8());
            JsonNode messages = body.path("messages");
            String prompt = messages.get(0).path("content").asText();
            Matcher m = PARTS.matcher(prompt);
            if (!m.find()) {
                return ChatServer.status(400);
            }
            int attempt = (messages.size() - 1) / 2; // a retry adds the judge's reply and the parse error
            return ChatServer.openAi(behaviour.reply(new Question(m.group(1), m.group(2), m.group(3), attempt)), IN, OUT);
        } catch (IOException | RuntimeException e) {
            return ChatServer.status(400);
        }
    }

    /** A stored-model definition of this judge on {@code server}. */
    public static ChatModelSettings model(String name, ChatServer server) {
        return new ChatModelSettings(name, ChatProvider.OPENAI, server.baseUrl(ChatProvider.OPENAI), "judge-1", null,
                0.0, null, null, 4, null, null, null);
    }
}
