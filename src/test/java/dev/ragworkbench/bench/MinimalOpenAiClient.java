package dev.ragworkbench.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ragworkbench.generation.ChatClient;
import dev.ragworkbench.generation.ChatFailure;
import dev.ragworkbench.generation.ChatMessage;
import dev.ragworkbench.generation.ChatModelSettings;
import dev.ragworkbench.generation.ChatReply;
import dev.ragworkbench.generation.ChatRequest;
import dev.ragworkbench.progress.Cancellation;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;

/**
 * A bare OpenAI chat-completions client (no retries, breaker or cache), standing in for the model layer's
 * LangChain4j client until that lands on main, so the model-run benchmark measures the runner against a real
 * socket. Test scope only.
 */
final class MinimalOpenAiClient implements ChatClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ChatModelSettings settings;
    private final HttpClient http;

    MinimalOpenAiClient(ChatModelSettings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(settings.timeout()).build();
    }

    @Override
    public String modelName() {
        return settings.name();
    }

    @Override
    public int concurrency() {
        return settings.concurrency();
    }

    @Override
    public ChatReply chat(ChatRequest request, Cancellation cancel) throws ChatFailure {
        if (cancel.isCancelled()) {
            throw new ChatFailure(ChatFailure.Kind.CANCELLED, "cancelled");
        }
        var body = JSON.createObjectNode();
        body.put("model", settings.modelId());
        var messages = body.putArray("messages");
        for (ChatMessage m : request.messages()) {
            messages.addObject().put("role", m.role().name().toLowerCase(Locale.ROOT)).put("content", m.text());
        }
        long t0 = System.nanoTime();
        try {
            var response = http.send(HttpRequest.newBuilder(URI.create(settings.baseUrl() + "/chat/completions"))
                    .timeout(settings.timeout()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new ChatFailure(ChatFailure.Kind.SERVER_ERROR, "HTTP " + response.statusCode());
            }
            JsonNode reply = JSON.readTree(response.body());
            return new ChatReply(reply.path("choices").path(0).path("message").path("content").asText(),
                    reply.path("usage").path("prompt_tokens").asInt(-1),
                    reply.path("usage").path("completion_tokens").asInt(-1), (System.nanoTime() - t0) / 1_000_000, false);
        } catch (IOException e) {
            throw new ChatFailure(ChatFailure.Kind.CONNECTION, e.toString(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChatFailure(ChatFailure.Kind.CANCELLED, "cancelled");
        }
    }
}
