package dev.ragworkbench.generation;

import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.SocketPolicy;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * A scripted chat endpoint on a real socket: okhttp's MockWebServer answering in the OpenAI chat-completions or
 * the Ollama {@code /api/chat} protocol (plain and streamed), or failing the ways real servers fail.
 */
@SuppressWarnings("deprecation") // the okhttp3.mockwebserver API: stable, and what the pom pins
public final class ChatServer implements AutoCloseable {

    public final MockWebServer server = new MockWebServer();

    public ChatServer() throws IOException {
        server.start();
    }

    /** The base URL a model of {@code provider} is configured with. */
    public String baseUrl(ChatProvider provider) {
        String root = "http://127.0.0.1:" + server.getPort();
        return provider == ChatProvider.OPENAI ? root + "/v1" : root;
    }

    public ChatServer enqueue(MockResponse response) {
        server.enqueue(response);
        return this;
    }

    public int requests() {
        return server.getRequestCount();
    }

    public static MockResponse openAi(String text, int in, int out) {
        return json(200, """
                {"id":"c1","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,\
                "message":{"role":"assistant","content":%s},"finish_reason":"stop"}],\
                "usage":{"prompt_tokens":%d,"completion_tokens":%d,"total_tokens":%d}}""".formatted(
                quote(text), in, out, in + out));
    }

    public static MockResponse openAiStream(String... pieces) {
        var body = new StringBuilder();
        for (String p : pieces) {
            body.append("data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
                        + "\"choices\":[{\"index\":0,\"delta\":{\"content\":").append(quote(p))
                    .append("},\"finish_reason\":null}]}\n\n");
        }
        body.append("data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
                    + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],"
                    + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":").append(pieces.length)
                .append(",\"total_tokens\":").append(3 + pieces.length).append("}}\n\ndata: [DONE]\n\n");
        return new MockResponse().setResponseCode(200).setHeader("Content-Type", "text/event-stream")
                .setChunkedBody(body.toString(), 64);
    }

    public static MockResponse ollama(String text, int in, int out) {
        return json(200, """
                {"model":"m","created_at":"2026-01-01T00:00:00Z","message":{"role":"assistant","content":%s},\
                "done":true,"done_reason":"stop","prompt_eval_count":%d,"eval_count":%d}""".formatted(
                quote(text), in, out));
    }

    public static MockResponse ollamaStream(String... pieces) {
        var body = new StringBuilder();
        for (String p : pieces) {
            body.append("{\"model\":\"m\",\"created_at\":\"2026-01-01T00:00:00Z\",\"message\":{\"role\":\"assistant\","
                        + "\"content\":").append(quote(p)).append("},\"done\":false}\n");
        }
        body.append("{\"model\":\"m\",\"created_at\":\"2026-01-01T00:00:00Z\",\"message\":{\"role\":\"assistant\","
                    + "\"content\":\"\"},\"done\":true,\"done_reason\":\"stop\",\"prompt_eval_count\":3,"
                    + "\"eval_count\":").append(pieces.length).append("}\n");
        return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/x-ndjson")
                .setChunkedBody(body.toString(), 64);
    }

    public static MockResponse json(int status, String body) {
        return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json").setBody(body);
    }

    public static MockResponse status(int status) {
        return json(status, "{\"error\":{\"message\":\"scripted " + status + "\",\"type\":\"server_error\"}}");
    }

    public static MockResponse tooMany(String retryAfter) {
        var r = json(429, "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\"}}");
        return retryAfter == null ? r : r.setHeader("Retry-After", retryAfter);
    }

    /** Accepts the request and never answers. */
    public static MockResponse hang() {
        return new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE);
    }

    /** Starts an answer and closes the connection in its middle. */
    public static MockResponse cut() {
        return openAi("x".repeat(2000), 1, 1).setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY);
    }

    public static MockResponse delayed(MockResponse r, long millis) {
        return r.setHeadersDelay(millis, TimeUnit.MILLISECONDS);
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    @Override
    public void close() throws IOException {
        server.shutdown();
    }
}
