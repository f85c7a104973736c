package dev.ragworkbench.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.SequencedMap;

/**
 * One run as a report shows it: the run record, where it came from, and its per-query (or per-item) values.
 *
 * @param startedAt    ISO-8601 UTC
 * @param durationMs   null while running
 * @param queryMetrics metric → (query or item id → value), metrics sorted, ids in logged order
 * @param failedItems  items whose call failed for good (model runs), left out of every mean
 * @param items        the items of a model run with their texts, when the run stored them; empty otherwise
 */
@JsonPropertyOrder({"id", "name", "experiment", "status", "statusReason", "startedAt", "durationMs", "codeVersion",
        "provenance", "params", "metrics", "tags", "notes", "failedItems", "queryMetrics", "items"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReportRun(String id, String name, String experiment, String status, String statusReason,
                        String startedAt, Long durationMs, String codeVersion, Provenance provenance,
                        SequencedMap<String, String> params, SequencedMap<String, Double> metrics,
                        SequencedMap<String, String> tags, List<String> notes, int failedItems,
                        SequencedMap<String, SequencedMap<String, Double>> queryMetrics, List<Item> items) {

    public ReportRun {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(provenance, "provenance");
        params = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(params));
        metrics = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(metrics));
        tags = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(tags));
        notes = List.copyOf(notes);
        var copy = new LinkedHashMap<String, SequencedMap<String, Double>>();
        queryMetrics.forEach((m, v) -> copy.put(m, Collections.unmodifiableSequencedMap(new LinkedHashMap<>(v))));
        queryMetrics = Collections.unmodifiableSequencedMap(copy);
        items = List.copyOf(items);
    }

    /** The run's name, or its id when it has none. */
    public String label() {
        return name == null || name.isBlank() ? id : name;
    }

    /** The ids of its per-query values, in logged order (the first metric's). */
    public List<String> queryIds() {
        var ids = new java.util.LinkedHashSet<String>();
        queryMetrics.values().forEach(v -> ids.addAll(v.keySet()));
        return List.copyOf(ids);
    }

    /**
     * What a reader needs to reproduce the run.
     *
     * @param specPath       the spec file it ran from, or null
     * @param specYaml       the spec's text as it ran, or null for a lone run
     * @param evalSetName    the eval set's (or test set's) name
     * @param evalSetQueries how many queries or items it had
     * @param evalSetSha256  its content hash
     * @param corpus         the corpus's name, where the run's index names it
     * @param corpusPath     the corpus's source path in the spec
     * @param index          the index searched
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Provenance(String specPath, String specYaml, String evalSetName, Integer evalSetQueries,
                             String evalSetSha256, String corpus, String corpusPath, String index) {
    }

    /**
     * One item of a model run, from the items record it stored.
     *
     * @param error why its call failed for good, or null
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(String id, String input, String expected, String output, String error) {
        public Item {
            Objects.requireNonNull(id, "id");
        }
    }
}
