package dev.ragworkbench.cli;

import dev.ragworkbench.generation.ChatModelSettings;
import dev.ragworkbench.generation.ChatProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Duration;

/** {@code models add}: see {@link ModelsCommand}. */
@Command(name = "add", mixinStandardHelpOptions = true, description = {
        "Add a chat model to the workspace: an endpoint (--base-url and --model) or a predictions file (--file).",
        "The key is never stored: name its environment variable with --api-key-env, or store it from the Settings"
        + " pane in your keys file."})
final class AddModel implements Runnable {
    @Mixin
    WorkspaceOptions options;
    @Spec
    CommandSpec spec;
    @Parameters(paramLabel = "NAME", description = "The model's name in this workspace (used by specs and runs).")
    String name;
    @Option(names = "--provider", required = true, paramLabel = "PROVIDER",
            description = "openai (any OpenAI-compatible endpoint), ollama, or predictions.")
    String provider;
    @Option(names = "--base-url", paramLabel = "URL",
            description = "Endpoint, e.g. http://localhost:11434 (Ollama) or http://localhost:8000/v1 (vLLM).")
    String baseUrl;
    @Option(names = "--model", paramLabel = "ID", description = "The provider's model id, e.g. mistral:7b.")
    String model;
    @Option(names = "--file", paramLabel = "FILE", description = "JSONL of {\"id\": …, \"output\": …} (predictions).")
    Path file;
    @Option(names = "--api-key-env", paramLabel = "VAR", description = "Environment variable holding the API key.")
    String apiKeyEnv;
    @Option(names = "--temperature", paramLabel = "T", description = "0 to 2 (default: the provider's).")
    Double temperature;
    @Option(names = "--max-tokens", paramLabel = "N", description = "Longest answer in tokens (default: the provider's).")
    Integer maxTokens;
    @Option(names = "--timeout", paramLabel = "SECONDS", description = "Per call (default: 60).")
    Double timeout;
    @Option(names = "--concurrency", paramLabel = "N", description = "Calls at once (default: 4).")
    Integer concurrency;
    @Option(names = "--price-in", paramLabel = "X", description = "Price per 1,000 input tokens (for run costs).")
    Double priceIn;
    @Option(names = "--price-out", paramLabel = "Y", description = "Price per 1,000 output tokens.")
    Double priceOut;

    @Override
    public void run() {
        ChatProvider p = ChatProvider.fromId(provider);
        if (p == ChatProvider.PREDICTIONS ? file == null : (baseUrl == null || model == null)) {
            throw new BadInputException(p == ChatProvider.PREDICTIONS
                    ? "a predictions model needs --file FILE"
                    : "provider " + p.id() + " needs --base-url URL and --model ID");
        }
        Duration t = timeout == null ? null : Duration.ofMillis(Math.round(timeout * 1000));
        var settings = new ChatModelSettings(name, p, baseUrl, model, file, temperature, maxTokens, t,
                concurrency == null ? ChatModelSettings.DEFAULT_CONCURRENCY : concurrency, apiKeyEnv, priceIn, priceOut);
        try (var bench = options.open()) {
            var stored = bench.chatModels().add(settings);
            spec.commandLine().getOut().println("Added model " + stored.name() + " (" + stored.provider().id() + ", "
                    + (stored.predictionsFile() != null ? stored.predictionsFile() : stored.modelId() + " at "
                    + stored.baseUrl()) + "). Try it with: models test " + stored.name());
        }
    }
}
