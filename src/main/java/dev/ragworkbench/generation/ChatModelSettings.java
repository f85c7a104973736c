package dev.ragworkbench.generation;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A ChatModel as the workspace stores it (table {@code chat_model}) or a spec names it inline. Holds the
 * <em>name</em> of the environment variable with the API key, never the key itself.
 *
 * @param baseUrl         endpoint for openai/ollama; null for predictions
 * @param modelId         the provider's model id; null for predictions
 * @param predictionsFile the JSONL file for predictions; null otherwise
 * @param temperature     null for the provider's default
 * @param maxTokens       null for the provider's default
 * @param apiKeyEnv       environment variable holding the key, or null (then the user's keys file, or none)
 * @param priceInputPer1k price per 1,000 input tokens, or null when not set
 */
public record ChatModelSettings(String name, ChatProvider provider, String baseUrl, String modelId,
                                Path predictionsFile, Double temperature, Integer maxTokens, Duration timeout,
                                int concurrency, String apiKeyEnv, Double priceInputPer1k,
                                Double priceOutputPer1k) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    public static final int DEFAULT_CONCURRENCY = 4;

    public ChatModelSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(provider, "provider");
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        if (concurrency < 1) {
            throw new IllegalArgumentException("model " + name + ": concurrency must be at least 1");
        }
        if (provider == ChatProvider.PREDICTIONS && predictionsFile == null) {
            throw new IllegalArgumentException("model " + name + ": a predictions model needs a file");
        }
        if (provider != ChatProvider.PREDICTIONS && (baseUrl == null || modelId == null)) {
            throw new IllegalArgumentException("model " + name + ": provider " + provider.id()
                    + " needs a base URL and a model id");
        }
    }

    public static ChatModelSettings predictions(String name, Path file) {
        return new ChatModelSettings(name, ChatProvider.PREDICTIONS, null, null, file, null, null, null,
                DEFAULT_CONCURRENCY, null, null, null);
    }

    /**
     * Whether the model can answer a prompt it has not seen: an endpoint can; a predictions file holds answers to
     * known item ids only (so it is left out where a question is typed or a RAG set-up answers from new chunks).
     */
    public boolean answersNewPrompts() {
        return provider != ChatProvider.PREDICTIONS;
    }

    /** Whether prices are set, so that calls have a cost. */
    public boolean hasPrices() {
        return priceInputPer1k != null || priceOutputPer1k != null;
    }

    /**
     * What {@code reply} cost at this model's prices per 1,000 tokens: empty without prices or when the provider
     * did not count tokens; 0 for an answer from the call cache (no call was made).
     */
    public OptionalDouble costOf(ChatReply reply) {
        if (!hasPrices()) {
            return OptionalDouble.empty();
        }
        if (reply.cached()) {
            return OptionalDouble.of(0);
        }
        double in = priceInputPer1k == null ? 0 : priceInputPer1k;
        double out = priceOutputPer1k == null ? 0 : priceOutputPer1k;
        if ((in > 0 && reply.inputTokens() < 0) || (out > 0 && reply.outputTokens() < 0)) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(Math.max(0, reply.inputTokens()) * in / 1000.0
                + Math.max(0, reply.outputTokens()) * out / 1000.0);
    }
}
