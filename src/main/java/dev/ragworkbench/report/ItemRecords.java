package dev.ragworkbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ragworkbench.experiment.store.Run;
import dev.ragworkbench.experiment.store.RunArtifact;
import dev.ragworkbench.experiment.store.RunStore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The items of a model run, read from the JSONL record it stores as an artifact (a {@code .jsonl} artifact whose
 * name or kind says "item", the model runs' {@code items.jsonl}): one object a line with an {@code id} and, where
 * present, {@code prompt} (or {@code input}),
 * {@code expected} (or {@code expectedOutput}, {@code expected_output}), {@code output} and {@code error}.
 * Retrieval runs have none; a line that is not such an object is skipped.
 */
final class ItemRecords {

    /** Items kept per run, so a report of a large test set stays readable and small. */
    static final int MAX = 500;

    private static final Logger LOG = LoggerFactory.getLogger(ItemRecords.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private ItemRecords() {
    }

    static List<ReportRun.Item> read(RunStore store, Run run) {
        for (RunArtifact artifact : run.artifacts()) {
            String name = artifact.name().toLowerCase(Locale.ROOT);
            String kind = artifact.kind() == null ? "" : artifact.kind().toLowerCase(Locale.ROOT);
            if (name.endsWith(".jsonl") && (name.contains("item") || kind.contains("item"))) {
                try (BufferedReader in = Files.newBufferedReader(store.file(artifact), StandardCharsets.UTF_8)) {
                    return parse(in);
                } catch (IOException | RuntimeException e) {
                    LOG.info("report: cannot read the items of run {}: {}", run.id(), e.getMessage());
                }
            }
        }
        return List.of();
    }

    static List<ReportRun.Item> parse(BufferedReader in) throws IOException {
        var items = new ArrayList<ReportRun.Item>();
        String line;
        while ((line = in.readLine()) != null && items.size() < MAX) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (IOException notJson) {
                continue;
            }
            if (node == null || !node.isObject() || !node.hasNonNull("id")) {
                continue;
            }
            items.add(new ReportRun.Item(node.get("id").asText(), text(node, "prompt", "input", "instruction"),
                    text(node, "expected", "expectedOutput", "expected_output"), text(node, "output"),
                    text(node, "error")));
        }
        return items;
    }

    private static String text(JsonNode node, String... names) {
        for (String n : names) {
            JsonNode v = node.get(n);
            if (v != null && !v.isNull()) {
                return v.isTextual() ? v.asText() : v.toString();
            }
        }
        return null;
    }

    /** The items both runs stored, flipped ones first, at most {@link ReportComparison#MAX_ITEMS}. */
    static List<ReportComparison.ItemPair> sideBySide(ReportRun a, ReportRun b, Set<String> flipped) {
        if (a.items().isEmpty() || b.items().isEmpty()) {
            return List.of();
        }
        var byIdB = new LinkedHashMap<String, ReportRun.Item>();
        b.items().forEach(i -> byIdB.put(i.id(), i));
        var first = new ArrayList<ReportComparison.ItemPair>();
        var rest = new ArrayList<ReportComparison.ItemPair>();
        for (ReportRun.Item ia : a.items()) {
            ReportRun.Item ib = byIdB.get(ia.id());
            if (ib == null) {
                continue;
            }
            boolean f = flipped.contains(ia.id());
            var pair = new ReportComparison.ItemPair(ia.id(), ia.input(), ia.expected() != null ? ia.expected()
                    : ib.expected(), ia.output(), ib.output(), ia.error(), ib.error(), scores(a, ia.id()),
                    scores(b, ia.id()), f);
            (f ? first : rest).add(pair);
        }
        first.addAll(rest);
        return first.subList(0, Math.min(first.size(), ReportComparison.MAX_ITEMS));
    }

    private static Map<String, Double> scores(ReportRun run, String id) {
        var scores = new LinkedHashMap<String, Double>();
        run.queryMetrics().forEach((metric, values) -> {
            Double v = values.get(id);
            if (v != null) {
                scores.put(metric, v);
            }
        });
        return scores;
    }
}
