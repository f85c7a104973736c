package dev.ragworkbench.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ragworkbench.evaluation.TestSet;
import dev.ragworkbench.experiment.spec.ModelRunSpec;
import dev.ragworkbench.experiment.store.RunStore;
import dev.ragworkbench.generation.ChatModelSettings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a model run is recorded: its params, and its artifacts {@code prompt.txt} (the prompt's exact text) and
 * {@code items.jsonl} (one {@link ItemRecord} a line), which {@link #readItems} reads back.
 */
public final class ModelRunRecords {

    public static final String ITEMS_ARTIFACT = "items.jsonl";
    public static final String PROMPT_ARTIFACT = "prompt.txt";
    /** The per-item latency metric, in milliseconds. */
    public static final String LATENCY = "latency_ms";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelRunRecords() {
    }

    /**
     * {@code testSet.*}, {@code model.*} (never a key, only the name of its variable), {@code prompt.sha256}
     * and {@code prompt.file}.
     */
    static Map<String, String> params(ModelRunSpec spec, TestSet set, ChatModelSettings model) {
        var p = new LinkedHashMap<String, String>();
        p.put("testSet.path", spec.testSetPath().toString());
        p.put("testSet.name", set.name());
        p.put("testSet.format", set.format().id());
        p.put("testSet.items", Integer.toString(set.size()));
        p.put("testSet.sha256", set.sha256());
        p.putAll(modelParams("model", model));
        p.put("prompt.sha256", spec.prompt().sha256());
        putIfSet(p, "prompt.file", spec.promptFile());
        p.put("metrics", String.join(",", spec.metrics()));
        return p;
    }

    /**
     * {@code PREFIX.name}, {@code .provider}, {@code .id}, {@code .baseUrl}, {@code .file}, {@code .temperature},
     * {@code .maxTokens}, {@code .concurrency}, {@code .timeoutSeconds}, {@code .apiKeyEnv} (the variable's name,
     * never a key): {@code model.*} for the answering model, {@code judge.model.*} for a judge.
     */
    static Map<String, String> modelParams(String prefix, ChatModelSettings model) {
        var p = new LinkedHashMap<String, String>();
        p.put(prefix + ".name", model.name());
        p.put(prefix + ".provider", model.provider().id());
        putIfSet(p, prefix + ".id", model.modelId());
        putIfSet(p, prefix + ".baseUrl", model.baseUrl());
        putIfSet(p, prefix + ".file", model.predictionsFile());
        putIfSet(p, prefix + ".temperature", model.temperature());
        putIfSet(p, prefix + ".maxTokens", model.maxTokens());
        p.put(prefix + ".concurrency", Integer.toString(model.concurrency()));
        p.put(prefix + ".timeoutSeconds", Long.toString(model.timeout().toSeconds()));
        putIfSet(p, prefix + ".apiKeyEnv", model.apiKeyEnv());
        return p;
    }

    static void putIfSet(Map<String, String> p, String key, Object value) {
        if (value != null) {
            p.put(key, value.toString());
        }
    }

    static void saveArtifacts(RunStore store, String runId, String prompt, List<ItemRecord> records) {
        RunArtifacts.save(store, runId, List.of(
                new RunArtifacts.Text(PROMPT_ARTIFACT, "prompt", w -> w.write(prompt)),
                RunArtifacts.Text.jsonLines(ITEMS_ARTIFACT, "items-jsonl", records, ModelRunRecords::toJson)));
    }

    static ObjectNode toJson(ItemRecord r) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", r.id());
        n.put("prompt", r.prompt());
        n.put("expected", r.expected());
        if (r.output() == null) {
            n.putNull("output");
        } else {
            n.put("output", r.output());
        }
        if (r.error() != null) {
            n.put("error", r.error());
            n.put("errorKind", r.errorKind() == null ? null : r.errorKind().name());
        }
        n.put("inputTokens", r.inputTokens());
        n.put("outputTokens", r.outputTokens());
        n.put("latencyMs", r.latencyMs());
        n.put("cached", r.cached());
        ObjectNode scores = n.putObject("scores");
        r.scores().forEach(scores::put);
        if (!r.notes().isEmpty()) {
            ObjectNode notes = n.putObject("notes");
            r.notes().forEach(notes::put);
        }
        return n;
    }

    /** The items of a stored model run, from its {@code items.jsonl}; empty when it has none. */
    public static List<ItemRecord> readItems(RunStore store, String runId) throws IOException {
        var artifact = store.run(runId).artifacts().stream().filter(a -> a.name().equals(ITEMS_ARTIFACT)).findFirst();
        if (artifact.isEmpty()) {
            return List.of();
        }
        var records = new ArrayList<ItemRecord>();
        for (String line : Files.readAllLines(store.file(artifact.get()), StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            var node = JSON.readTree(line);
            var scores = new LinkedHashMap<String, Double>();
            node.path("scores").properties().forEach(e -> scores.put(e.getKey(), e.getValue().asDouble()));
            var notes = new LinkedHashMap<String, String>();
            node.path("notes").properties().forEach(e -> notes.put(e.getKey(), e.getValue().asText()));
            String kind = node.path("errorKind").isTextual() ? node.path("errorKind").asText() : null;
            records.add(new ItemRecord(node.path("id").asText(), node.path("prompt").asText(),
                    node.path("expected").asText(), node.path("output").isNull() ? null : node.path("output").asText(),
                    node.has("error") ? node.path("error").asText() : null,
                    kind == null ? null : dev.ragworkbench.generation.ChatFailure.Kind.valueOf(kind),
                    node.path("inputTokens").asInt(-1), node.path("outputTokens").asInt(-1),
                    node.path("latencyMs").asLong(), node.path("cached").asBoolean(), scores, notes));
        }
        return records;
    }
}
