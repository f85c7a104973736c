package dev.ragworkbench.generation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ragworkbench.evaluation.MalformedFileException;
import dev.ragworkbench.progress.Cancellation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The predictions provider: answers come from a JSONL file of {@code {"id": …, "output": …}} made elsewhere
 * (say on the GPU box where the model was fine-tuned), so base vs fine-tuned works offline. The file is read
 * whole when the client opens; a malformed line fails the open with the file and line, and nothing is used.
 */
public final class PredictionsClient implements ChatClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String modelName;
    private final Path file;
    private final Map<String, String> outputs;

    private PredictionsClient(String modelName, Path file, Map<String, String> outputs) {
        this.modelName = modelName;
        this.file = file;
        this.outputs = outputs;
    }

    public static PredictionsClient open(ChatModelSettings settings) throws MalformedFileException {
        if (settings.provider() != ChatProvider.PREDICTIONS) {
            throw new IllegalArgumentException("model " + settings.name() + " is not a predictions model");
        }
        return new PredictionsClient(settings.name(), settings.predictionsFile(), read(settings.predictionsFile()));
    }

    static Map<String, String> read(Path file) throws MalformedFileException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MalformedFileException(file, 0, "cannot read the predictions file (" + e.getMessage() + ")");
        }
        var outputs = new HashMap<String, String>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (IOException e) {
                throw new MalformedFileException(file, i + 1, "not a JSON object");
            }
            if (node == null || !node.isObject()) {
                throw new MalformedFileException(file, i + 1, "not a JSON object");
            }
            JsonNode id = node.get("id");
            JsonNode output = node.get("output");
            if (id == null || id.isNull() || id.isContainerNode()) {
                throw new MalformedFileException(file, i + 1, "missing \"id\"");
            }
            if (output == null || !output.isTextual()) {
                throw new MalformedFileException(file, i + 1, "missing \"output\" (a string)");
            }
            if (outputs.put(id.asText(), output.asText()) != null) {
                throw new MalformedFileException(file, i + 1, "id '" + id.asText() + "' appears twice");
            }
        }
        return Map.copyOf(outputs);
    }

    @Override
    public String modelName() {
        return modelName;
    }

    @Override
    public int concurrency() {
        return Integer.MAX_VALUE;
    }

    @Override
    public ChatReply chat(ChatRequest request, Cancellation cancel) throws ChatFailure {
        if (cancel.isCancelled()) {
            throw new ChatFailure(ChatFailure.Kind.CANCELLED, "cancelled");
        }
        String output = outputs.get(request.itemId());
        if (output == null) {
            throw new ChatFailure(ChatFailure.Kind.MISSING_PREDICTION,
                    file + " has no prediction for item '" + request.itemId() + "'");
        }
        return new ChatReply(output, -1, -1, 0, false);
    }
}
