package dev.ragworkbench.generation;

import java.util.Optional;
import java.util.function.Function;

/**
 * Where a model's API key comes from, looked up when a client opens, never stored with the model: the
 * environment variable its settings name, else the user's {@link KeysFile}, else none (local servers need none).
 */
public final class ApiKeys {

    private final Function<String, String> environment;
    private final KeysFile keysFile;

    public ApiKeys(Function<String, String> environment, KeysFile keysFile) {
        this.environment = environment;
        this.keysFile = keysFile;
    }

    /** The process's environment and the user's standard keys file. */
    public static ApiKeys standard() {
        return new ApiKeys(System::getenv, KeysFile.standard());
    }

    public KeysFile keysFile() {
        return keysFile;
    }

    /**
     * {@code settings}' key. A named variable that is unset is a failure (the user asked for it), as is a keys
     * file others may read; neither message holds a key.
     */
    public Optional<String> keyFor(ChatModelSettings settings) throws ChatFailure {
        if (settings.apiKeyEnv() != null) {
            String value = environment.apply(settings.apiKeyEnv());
            if (value == null || value.isBlank()) {
                throw new ChatFailure(ChatFailure.Kind.AUTHENTICATION, "environment variable " + settings.apiKeyEnv()
                        + " (the API key of model " + settings.name() + ") is not set");
            }
            return Optional.of(value.strip());
        }
        try {
            return keysFile.key(settings.name());
        } catch (IllegalStateException e) {
            throw new ChatFailure(ChatFailure.Kind.AUTHENTICATION, e.getMessage());
        }
    }

    /** Where {@code settings}' key comes from, in words for a list or a pane (never the key). */
    public String source(ChatModelSettings settings) {
        if (settings.apiKeyEnv() != null) {
            return "$" + settings.apiKeyEnv();
        }
        try {
            return keysFile.key(settings.name()).isPresent() ? "keys file" : "none";
        } catch (RuntimeException e) {
            return "keys file (unusable)";
        }
    }
}
