package dev.ragworkbench.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ragworkbench.experiment.store.ArtifactRepository;
import dev.ragworkbench.experiment.store.ItemFailure;
import dev.ragworkbench.experiment.store.RunBatch;
import dev.ragworkbench.experiment.store.RunStore;
import dev.ragworkbench.generation.ChatClient;
import dev.ragworkbench.generation.ChatModelSettings;
import dev.ragworkbench.generation.ChatReply;
import dev.ragworkbench.generation.judge.JudgeVerdict;
import dev.ragworkbench.generation.judge.RagasJudge;
import dev.ragworkbench.progress.Cancellation;
import dev.ragworkbench.progress.ProgressListener;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;

/**
 * The judge metrics of one answer run: every answered item judged on each of Ragas's four metrics, the
 * questions in parallel up to the judge's concurrency (through its limits, retries, breaker and cache). A metric
 * that fails on an item is left out of its mean and counted ({@link Result#failed()}); a metric no item could be
 * scored on has no mean at all. The judge's tokens and cost are metrics of their own ({@code judge_*}), apart
 * from the answering model's, and every verdict with the judge's replies is the run's {@value #ARTIFACT}.
 */
final class AnswerJudging {

    static final String ARTIFACT = "verdicts.jsonl";
    static final String INPUT_TOKENS = "judge_input_tokens";
    static final String OUTPUT_TOKENS = "judge_output_tokens";
    static final String COST = "judge_cost";
    static final String CACHE_HITS = "judge_cache_hits";
    static final String CALLS = "judge_calls";

    private static final ObjectMapper JSON = new ObjectMapper();

    private AnswerJudging() {
    }

    /** Verdicts by item id, then by metric in {@link RagasJudge#METRICS} order. */
    record Result(SequencedMap<String, SequencedMap<String, JudgeVerdict>> byItem) {

        boolean cancelled() {
            return byItem.values().stream().flatMap(m -> m.values().stream())
                    .anyMatch(j -> j.status() == JudgeVerdict.Status.CANCELLED);
        }

        /** Metric → items it could not score (cancelled ones aside), for every metric, 0 included. */
        SequencedMap<String, Integer> failed() {
            var counts = new LinkedHashMap<String, Integer>();
            RagasJudge.METRICS.forEach(m -> counts.put(m, 0));
            byItem.values().forEach(m -> m.values().forEach(j -> {
                if (!j.scored() && j.status() != JudgeVerdict.Status.CANCELLED) {
                    counts.merge(j.metric(), 1, Integer::sum);
                }
            }));
            return counts;
        }
    }

    static Result judge(RagasJudge judge, ChatClient client, List<RagasJudge.Item> items, String stage,
                        ProgressListener progress, Cancellation cancel) {
        int metrics = RagasJudge.METRICS.size();
        var done = ItemCalls.forEach(client, items.size() * metrics, (i, calls) -> {
            String metric = RagasJudge.METRICS.get(i % metrics);
            try {
                return judge.judge(metric, items.get(i / metrics), calls);
            } catch (dev.ragworkbench.progress.CancelledException e) {
                return JudgeVerdict.failed(metric, JudgeVerdict.Status.CANCELLED, "cancelled", List.of());
            } catch (RuntimeException e) { // an embedder's failure must not lose the other verdicts
                return JudgeVerdict.failed(metric, JudgeVerdict.Status.CALL_FAILED,
                        e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), List.of());
            }
        }, i -> JudgeVerdict.failed(RagasJudge.METRICS.get(i % metrics), JudgeVerdict.Status.CANCELLED,
                "cancelled before it was asked", List.of()), stage, progress, cancel);
        var byItem = new LinkedHashMap<String, SequencedMap<String, JudgeVerdict>>();
        int at = 0;
        for (RagasJudge.Item item : items) {
            var verdicts = new LinkedHashMap<String, JudgeVerdict>();
            for (String metric : RagasJudge.METRICS) {
                verdicts.put(metric, done.get(at++));
            }
            byItem.put(item.id(), verdicts);
        }
        return new Result(byItem);
    }

    /** Per-item values and means of the scored, failures with reason and last reply, and the judge's costs. */
    static RunBatch.Builder addTo(RunBatch.Builder batch, Result result, ChatModelSettings judge) {
        for (String metric : RagasJudge.METRICS) {
            SequencedMap<String, Double> values = new LinkedHashMap<>();
            result.byItem().forEach((id, metrics) -> {
                JudgeVerdict j = metrics.get(metric);
                if (j.scored()) {
                    values.put(id, j.value());
                } else if (j.status() != JudgeVerdict.Status.CANCELLED) {
                    batch.failure(new ItemFailure(id, metric, clip(j.status().id() + ": " + j.reason()),
                            j.replies().isEmpty() ? null : j.replies().getLast().text()));
                }
            });
            if (!values.isEmpty()) { // no item scored: absent, never NaN or 0
                batch.queryMetrics(metric, values);
                batch.metric(metric, values.values().stream().mapToDouble(Double::doubleValue).average().orElseThrow());
            }
        }
        long in = 0;
        long out = 0;
        int calls = 0;
        int cached = 0;
        double cost = 0;
        boolean costKnown = judge.hasPrices();
        for (var metrics : result.byItem().values()) {
            for (JudgeVerdict j : metrics.values()) {
                for (ChatReply r : j.replies()) {
                    in += Math.max(0, r.inputTokens());
                    out += Math.max(0, r.outputTokens());
                    calls++;
                    cached += r.cached() ? 1 : 0;
                    var c = judge.costOf(r);
                    if (c.isPresent()) {
                        cost += c.getAsDouble();
                    } else {
                        costKnown = false;
                    }
                }
            }
        }
        batch.metric(INPUT_TOKENS, in).metric(OUTPUT_TOKENS, out).metric(CALLS, calls).metric(CACHE_HITS, cached);
        if (costKnown) {
            batch.metric(COST, cost);
        }
        return batch;
    }

    /** The store keeps reasons up to 4,000 characters; the whole reply is kept beside it, and in the artifact. */
    private static String clip(String reason) {
        return reason.length() <= 2000 ? reason : reason.substring(0, 1999) + "…";
    }

    /** {@value #ARTIFACT}: one line per item and metric, with its status, value or reason, and the replies. */
    static void saveArtifact(RunStore store, String runId, Result result) {
        try {
            Path dir = Files.createTempDirectory("judge-" + runId);
            Path file = dir.resolve(ARTIFACT);
            try {
                try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                    for (var item : result.byItem().entrySet()) {
                        for (JudgeVerdict j : item.getValue().values()) {
                            w.write(JSON.writeValueAsString(toJson(item.getKey(), j)));
                            w.newLine();
                        }
                    }
                }
                store.addArtifact(runId, ARTIFACT, file, "verdicts-jsonl", ArtifactRepository.Transfer.MOVE);
            } finally {
                Files.deleteIfExists(file);
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the judge verdicts of run " + runId + ": " + e.getMessage(), e);
        }
    }

    static ObjectNode toJson(String itemId, JudgeVerdict j) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", itemId);
        n.put("metric", j.metric());
        n.put("status", j.status().id());
        if (j.scored()) {
            n.put("value", j.value());
        } else {
            n.put("reason", j.reason());
        }
        var replies = n.putArray("replies");
        j.replies().forEach(r -> replies.add(r.text()));
        return n;
    }
}
