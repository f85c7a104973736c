package dev.ragworkbench.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ragworkbench.generation.ChatModelSettings;
import picocli.CommandLine.Command;

/**
 * {@code models add|list|test|remove}: the workspace's chat models, as the Settings pane shows them. A model
 * holds the name of its key's environment variable, never a key; keys stored from the pane live in the user's
 * keys file. {@code models test} exits 1 when the model does not answer.
 */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "Add, list, test or remove chat models (Ollama, OpenAI-compatible endpoints, or a predictions"
                      + " file).",
        subcommands = {AddModel.class, ListModels.class, TestModel.class, RemoveModel.class})
final class ModelsCommand {

    static final ObjectMapper JSON = new ObjectMapper();

    /** A model as {@code models list --json} prints it: every setting, and where its key comes from. */
    static ObjectNode json(ChatModelSettings s, String keySource) {
        ObjectNode node = JSON.createObjectNode();
        node.put("name", s.name());
        node.put("provider", s.provider().id());
        node.put("baseUrl", s.baseUrl());
        node.put("model", s.modelId());
        node.put("file", s.predictionsFile() == null ? null : s.predictionsFile().toString());
        node.put("temperature", s.temperature());
        node.put("maxTokens", s.maxTokens());
        node.put("timeoutSeconds", s.timeout().toMillis() / 1000.0);
        node.put("concurrency", s.concurrency());
        node.put("apiKeyEnv", s.apiKeyEnv());
        node.put("key", keySource);
        node.put("priceInputPer1k", s.priceInputPer1k());
        node.put("priceOutputPer1k", s.priceOutputPer1k());
        return node;
    }
}
