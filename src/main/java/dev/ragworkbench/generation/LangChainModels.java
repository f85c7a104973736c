package dev.ragworkbench.generation;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;

import java.util.List;

/**
 * LangChain4j's models for one attempt, over the attempt's HTTP client. Their own retries are off (maxRetries 0):
 * {@link EndpointChatClient} retries, once, under its policy. Request and response logging stays off, so the
 * Authorization header never reaches a log.
 */
final class LangChainModels {

    private LangChainModels() {
    }

    static ChatModel chat(ChatModelSettings s, String key, HttpClientBuilder http) {
        return switch (s.provider()) {
            case OPENAI -> OpenAiChatModel.builder().httpClientBuilder(http).baseUrl(s.baseUrl()).apiKey(key)
                    .modelName(s.modelId()).temperature(s.temperature()).maxTokens(s.maxTokens())
                    .timeout(s.timeout()).maxRetries(0).logRequests(false).logResponses(false).build();
            case OLLAMA -> OllamaChatModel.builder().httpClientBuilder(http).baseUrl(s.baseUrl())
                    .modelName(s.modelId()).temperature(s.temperature()).numPredict(s.maxTokens())
                    .timeout(s.timeout()).maxRetries(0).logRequests(false).logResponses(false).build();
            case PREDICTIONS -> throw new IllegalArgumentException("a predictions model is not called");
        };
    }

    static StreamingChatModel streaming(ChatModelSettings s, String key, HttpClientBuilder http) {
        return switch (s.provider()) {
            case OPENAI -> OpenAiStreamingChatModel.builder().httpClientBuilder(http).baseUrl(s.baseUrl())
                    .apiKey(key).modelName(s.modelId()).temperature(s.temperature()).maxTokens(s.maxTokens())
                    .timeout(s.timeout()).logRequests(false).logResponses(false).build();
            case OLLAMA -> OllamaStreamingChatModel.builder().httpClientBuilder(http).baseUrl(s.baseUrl())
                    .modelName(s.modelId()).temperature(s.temperature()).numPredict(s.maxTokens())
                    .timeout(s.timeout()).logRequests(false).logResponses(false).build();
            case PREDICTIONS -> throw new IllegalArgumentException("a predictions model is not called");
        };
    }

    static dev.langchain4j.model.chat.request.ChatRequest request(ChatRequest request) {
        List<dev.langchain4j.data.message.ChatMessage> messages = request.messages().stream()
                .<dev.langchain4j.data.message.ChatMessage>map(m -> switch (m.role()) {
                    case SYSTEM -> SystemMessage.from(m.text());
                    case USER -> UserMessage.from(m.text());
                    case ASSISTANT -> AiMessage.from(m.text());
                }).toList();
        return dev.langchain4j.model.chat.request.ChatRequest.builder().messages(messages).build();
    }
}
