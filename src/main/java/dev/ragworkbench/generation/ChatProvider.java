package dev.ragworkbench.generation;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Where a chat model's answers come from. */
public enum ChatProvider {
    /** Any OpenAI-compatible chat-completions endpoint (OpenAI, vLLM, llama.cpp's server, LM Studio, TGI, …). */
    OPENAI("openai"),
    /** Ollama's {@code /api/chat}. */
    OLLAMA("ollama"),
    /** A JSONL file of {@code {"id": …, "output": …}} made elsewhere: no model is called. */
    PREDICTIONS("predictions");

    private final String id;

    ChatProvider(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static ChatProvider fromId(String id) {
        String wanted = id == null ? "" : id.trim().toLowerCase(Locale.ROOT);
        for (ChatProvider p : values()) {
            if (p.id.equals(wanted)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown chat-model provider '" + id + "'; valid: "
                + Arrays.stream(values()).map(ChatProvider::id).collect(Collectors.joining(", ")));
    }
}
