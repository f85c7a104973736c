package dev.ragworkbench.experiment.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ragworkbench.report.JsonOutput;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one JSON shape of a run, written the same by every command and report:
 * {@code {"id", "name", "experiment", "status", "startedAt", "durationMs", "params", "metrics", "tags"}}, and a list
 * of runs as {@code {"runs": [...]}}. Reading accepts that and the older {@code run --json} files, whose runs had
 * only {@code id}, {@code name}, {@code params} and {@code metrics}.
 */
public final class RunJson {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RunJson() {
    }

    /** A run as read back from a file: what a baseline comparison needs. */
    public record Entry(String id, String name, Map<String, String> params, Map<String, Double> metrics) {
    }

    /** One run's object. {@code experiment} and {@code durationMs} are null for a lone or running run. */
    public static ObjectNode toJson(Run run) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", run.id());
        node.put("name", run.name());
        node.put("experiment", run.experiment());
        node.put("status", run.status().id());
        node.put("startedAt", run.startedAt().toString());
        if (run.durationMs() == null) {
            node.putNull("durationMs");
        } else {
            node.put("durationMs", run.durationMs());
        }
        ObjectNode params = node.putObject("params");
        run.params().forEach(params::put);
        ObjectNode metrics = node.putObject("metrics");
        run.metrics().forEach(metrics::put);
        ObjectNode tags = node.putObject("tags");
        run.tags().forEach(tags::put);
        return node;
    }

    /** {@code {"runs": [...]}}, indented. */
    public static String write(List<Run> runs) {
        ObjectNode root = JSON.createObjectNode();
        var array = root.putArray("runs");
        runs.forEach(r -> array.add(toJson(r)));
        // through the one JSON writer both faces use (indentation and settings defined once)
        return JsonOutput.write(root);
    }

    /**
     * The runs of a file written by {@link #write} (or by an older {@code run --json}).
     *
     * @throws IOException              when the file cannot be read or is not JSON
     * @throws IllegalArgumentException when it holds no runs, or a run without an id or with a metric that is
     *                                  not a number; the message names the file
     */
    public static List<Entry> read(Path file) throws IOException {
        JsonNode root = JSON.readTree(file.toFile());
        var entries = new ArrayList<Entry>();
        int i = 0;
        for (JsonNode run : root == null ? JSON.createArrayNode() : root.path("runs")) {
            i++;
            if (!run.path("id").isTextual()) {
                throw new IllegalArgumentException(file + ": run " + i + " has no \"id\"");
            }
            var params = new LinkedHashMap<String, String>();
            run.path("params").properties().forEach(e -> params.put(e.getKey(), e.getValue().asText()));
            var metrics = new LinkedHashMap<String, Double>();
            for (var e : run.path("metrics").properties()) {
                if (!e.getValue().isNumber()) {
                    throw new IllegalArgumentException(file + ": metric " + e.getKey() + " of run "
                            + run.path("id").asText() + " is not a number");
                }
                metrics.put(e.getKey(), e.getValue().asDouble());
            }
            entries.add(new Entry(run.path("id").asText(), run.path("name").asText(), params, metrics));
        }
        if (entries.isEmpty()) {
            throw new IllegalArgumentException(file + " has no runs; write it with 'run --json'");
        }
        return entries;
    }
}
