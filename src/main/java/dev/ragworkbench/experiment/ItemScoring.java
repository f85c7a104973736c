package dev.ragworkbench.experiment;

import dev.ragworkbench.evaluation.AnswerMetric;
import dev.ragworkbench.evaluation.AnswerScore;
import dev.ragworkbench.experiment.store.ItemFailure;
import dev.ragworkbench.experiment.store.RunBatch;
import dev.ragworkbench.generation.ChatModelSettings;
import dev.ragworkbench.progress.Cancellation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SequencedMap;

/**
 * How a model's answers become a run's records: one {@link ItemRecord} per item, scored by the answer metrics
 * (only the items that got an answer), then the means, per-item values, failures, tokens, cost, latency and
 * cache hits of a run. Model runs over a test set and answer runs over an eval set share it, so a failure is
 * left out of the means and counted the same way in both.
 */
final class ItemScoring {

    private ItemScoring() {
    }

    /** One item's record before scoring: the answer, or the failure of its call. */
    static ItemRecord record(String id, String prompt, String expected, ItemCalls.Result call) {
        if (call.reply() != null) {
            var r = call.reply();
            return new ItemRecord(id, prompt, expected, r.text(), null, null, r.inputTokens(), r.outputTokens(),
                    r.latencyMs(), r.cached(), Map.of(), Map.of());
        }
        return new ItemRecord(id, prompt, expected, null, call.failure().getMessage(), call.failure().kind(), -1, -1,
                0, false, Map.of(), Map.of());
    }

    /** {@code records} with their scores; the metrics see only the items that got an answer. */
    static List<ItemRecord> scored(List<ItemRecord> records, List<AnswerMetric> metrics) {
        var answered = new ArrayList<Integer>();
        for (int i = 0; i < records.size(); i++) {
            if (!records.get(i).failed()) {
                answered.add(i);
            }
        }
        var outputs = answered.stream().map(i -> records.get(i).output()).toList();
        var expected = answered.stream().map(i -> records.get(i).expected()).toList();
        var scores = new ArrayList<Map<String, Double>>();
        var notes = new ArrayList<Map<String, String>>();
        answered.forEach(i -> {
            scores.add(new LinkedHashMap<>());
            notes.add(new LinkedHashMap<>());
        });
        for (AnswerMetric metric : metrics) {
            List<AnswerScore> values = metric.score(outputs, expected, Cancellation.none());
            for (int j = 0; j < values.size(); j++) {
                AnswerScore s = values.get(j);
                if (s.scored()) {
                    scores.get(j).put(metric.name(), s.value());
                }
                if (s.note() != null) {
                    notes.get(j).put(metric.name(), s.note());
                }
            }
        }
        var out = new ArrayList<>(records);
        for (int j = 0; j < answered.size(); j++) {
            int i = answered.get(j);
            out.set(i, out.get(i).withScores(scores.get(j), notes.get(j)));
        }
        return out;
    }

    /**
     * Adds to {@code batch} the means over the items each metric scored, per-item values, failures, and the
     * calls' tokens, cost, latency and cache hits.
     */
    static RunBatch.Builder batch(RunBatch.Builder batch, List<ItemRecord> records, List<AnswerMetric> metrics,
                                  ChatModelSettings model) {
        for (AnswerMetric metric : metrics) {
            SequencedMap<String, Double> values = new LinkedHashMap<>();
            for (ItemRecord r : records) {
                Double v = r.scores().get(metric.name());
                if (v != null) {
                    values.put(r.id(), v);
                } else if (!r.failed()) {
                    batch.failure(new ItemFailure(r.id(), metric.name(), r.notes().getOrDefault(metric.name(),
                            "not scored"), r.output()));
                }
            }
            if (!values.isEmpty()) { // no item scored: no mean at all rather than NaN or 0
                batch.queryMetrics(metric.name(), values);
                batch.metric(metric.name(), values.values().stream().mapToDouble(Double::doubleValue).average()
                        .orElseThrow());
            }
        }
        SequencedMap<String, Double> latency = new LinkedHashMap<>();
        long in = 0;
        long out = 0;
        boolean tokens = false;
        int cached = 0;
        for (ItemRecord r : records) {
            if (r.failed()) {
                batch.failure(ItemFailure.ofItem(r.id(), r.errorKind() == null ? r.error()
                        : r.errorKind().name().toLowerCase(Locale.ROOT) + ": " + r.error()));
                continue;
            }
            latency.put(r.id(), (double) r.latencyMs());
            if (r.inputTokens() >= 0 && r.outputTokens() >= 0) {
                in += r.inputTokens();
                out += r.outputTokens();
                tokens = true;
            }
            cached += r.cached() ? 1 : 0;
        }
        if (!latency.isEmpty()) {
            batch.queryMetrics(ModelRunRecords.LATENCY, latency);
            batch.metric(ModelRunRecords.LATENCY, latency.values().stream().mapToDouble(Double::doubleValue)
                    .average().orElseThrow());
        }
        if (tokens) {
            batch.metric("input_tokens", in).metric("output_tokens", out);
            if (model.priceInputPer1k() != null || model.priceOutputPer1k() != null) {
                double cost = in / 1000.0 * (model.priceInputPer1k() == null ? 0 : model.priceInputPer1k())
                        + out / 1000.0 * (model.priceOutputPer1k() == null ? 0 : model.priceOutputPer1k());
                batch.metric("cost", cost);
            }
        }
        batch.metric("cache_hits", cached);
        return batch;
    }
}
