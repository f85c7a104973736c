package dev.ragworkbench.experiment;

import dev.ragworkbench.embedding.Embedders;
import dev.ragworkbench.evaluation.AnswerMetric;
import dev.ragworkbench.evaluation.AnswerMetrics;
import dev.ragworkbench.evaluation.AnswerScore;
import dev.ragworkbench.evaluation.TestItem;
import dev.ragworkbench.evaluation.TestSet;
import dev.ragworkbench.evaluation.TestSetReader;
import dev.ragworkbench.experiment.spec.ExperimentSpec;
import dev.ragworkbench.experiment.spec.ModelRunSpec;
import dev.ragworkbench.experiment.store.ExperimentExecution;
import dev.ragworkbench.experiment.store.ItemFailure;
import dev.ragworkbench.experiment.store.Run;
import dev.ragworkbench.experiment.store.RunBatch;
import dev.ragworkbench.experiment.store.RunStore;
import dev.ragworkbench.generation.ChatClient;
import dev.ragworkbench.generation.ChatModelSettings;
import dev.ragworkbench.generation.ChatRequest;
import dev.ragworkbench.progress.Cancellation;
import dev.ragworkbench.progress.CancelledException;
import dev.ragworkbench.progress.ProgressListener;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;

/**
 * Executes a {@link ModelRunSpec}: every model answers every item of the test set through the prompt, one run
 * per model, models one after the other, each model's calls in parallel up to its concurrency. Each item's
 * output, scores, tokens, latency and error are kept: the scores per item in the store (so comparisons pair
 * them by item id), call failures as the run's item failures, the whole record as the run's {@code items.jsonl}
 * and the prompt's text as its {@code prompt.txt}. A failed item is left out of every mean.
 */
public final class ModelRunner {

    private final ExperimentResources resources;
    private final RunStore store;

    public ModelRunner(ExperimentResources resources, RunStore store) {
        this.resources = resources;
        this.store = store;
    }

    /**
     * @param sample a random subset of items instead of the spec's sample (null: the spec's, if any)
     * @param seed   the sample's seed (null: the spec's, else {@value ExperimentSpec#DEFAULT_SEED})
     * @param fresh  skip the call cache's answers
     */
    public record Options(Integer sample, Long seed, boolean fresh) {
        public static Options none() {
            return new Options(null, null, false);
        }
    }

    /** One model's finished run, with its items as recorded. */
    public record Outcome(String model, Run run, List<ItemRecord> items) {
        public int total() {
            return items.size();
        }

        public int failed() {
            return (int) items.stream().filter(ItemRecord::failed).count();
        }
    }

    /** The progress stage of {@code model}'s calls: {@code done} of {@code total} items answered. */
    public static String stage(String model) {
        return "items · " + model;
    }

    /** The test set a spec runs on, sampled as the options and the spec say. */
    public static TestSet testSet(ModelRunSpec spec, Options options) throws IOException {
        TestSet set = TestSetReader.read(spec.testSetPath(), spec.testSetName());
        if (options.sample() != null) {
            long seed = options.seed() != null ? options.seed()
                    : spec.sample().map(ExperimentSpec.Sample::seed).orElse(ExperimentSpec.DEFAULT_SEED);
            return set.sample(options.sample(), seed);
        }
        return spec.sample().map(s -> set.sample(s.n(), s.seed())).orElse(set);
    }

    /**
     * Runs every model of {@code spec}. Models are resolved and their clients opened before the first run
     * starts, so a missing model or a malformed predictions file stops it with nothing recorded. Cancelling
     * ends the current run as cancelled with the answers received so far recorded, and starts no other.
     */
    public List<Outcome> run(ModelRunSpec spec, Options options, ProgressListener progress, Cancellation cancel)
            throws IOException {
        TestSet set = testSet(spec, options);
        var settings = spec.models().stream()
                .map(m -> m.stored() != null ? resources.chatModel(m.stored()) : m.inline()).toList();
        var metrics = spec.metrics().stream()
                .map(name -> AnswerMetrics.create(name, () -> resources.embedder(Embedders.DEFAULT))).toList();
        var clients = new ArrayList<ChatClient>();
        try {
            for (ChatModelSettings s : settings) {
                clients.add(resources.chatClient(s, options.fresh()));
            }
            var execution = store.startExecution(spec.name(), spec.yaml(),
                    spec.source() == null ? null : spec.source().toString());
            var outcomes = new ArrayList<Outcome>();
            for (int i = 0; i < settings.size(); i++) {
                cancel.check();
                outcomes.add(runModel(execution, spec, set, settings.get(i), clients.get(i), metrics, progress, cancel));
                progress.progress("models", i + 1, settings.size());
            }
            return outcomes;
        } finally {
            clients.forEach(ChatClient::close);
        }
    }

    private Outcome runModel(ExperimentExecution execution, ModelRunSpec spec, TestSet set, ChatModelSettings model,
                             ChatClient client, List<AnswerMetric> metrics, ProgressListener progress,
                             Cancellation cancel) {
        Run run = store.startRunOf(execution, model.name(), ModelRunRecords.params(spec, set, model), spec.tags());
        try {
            var requests = set.items().stream()
                    .map(item -> new ChatRequest(item.id(), spec.prompt().messages(item.history(), item.variables())))
                    .toList();
            var calls = ItemCalls.callAll(client, requests, stage(model.name()), progress, cancel);
            boolean cancelled = cancel.isCancelled()
                    || calls.stream().anyMatch(c -> c.failure() != null
                            && c.failure().kind() == dev.ragworkbench.generation.ChatFailure.Kind.CANCELLED);
            var records = score(set, requests, calls, metrics);
            store.log(run.id(), batch(records, metrics, model));
            ModelRunRecords.saveArtifacts(store, run.id(), spec.prompt().text(), records);
            if (cancelled) {
                store.cancel(run.id());
                throw new CancelledException();
            }
            return new Outcome(model.name(), store.finish(run.id()), records);
        } catch (CancelledException e) {
            if (store.run(run.id()).status() == dev.ragworkbench.experiment.store.RunStatus.RUNNING) {
                store.cancel(run.id());
            }
            throw e;
        } catch (RuntimeException e) {
            store.fail(run.id(), e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            throw e;
        }
    }

    /** The items' records with their scores; the metrics see only the items that got an answer. */
    private static List<ItemRecord> score(TestSet set, List<ChatRequest> requests, List<ItemCalls.Result> calls,
                                          List<AnswerMetric> metrics) {
        var records = new ArrayList<ItemRecord>();
        var answered = new ArrayList<Integer>();
        for (int i = 0; i < set.size(); i++) {
            TestItem item = set.items().get(i);
            String prompt = requests.get(i).messages().getLast().text();
            var call = calls.get(i);
            if (call.reply() != null) {
                var r = call.reply();
                records.add(new ItemRecord(item.id(), prompt, item.expected(), r.text(), null, null, r.inputTokens(),
                        r.outputTokens(), r.latencyMs(), r.cached(), Map.of(), Map.of()));
                answered.add(i);
            } else {
                records.add(new ItemRecord(item.id(), prompt, item.expected(), null, call.failure().getMessage(),
                        call.failure().kind(), -1, -1, 0, false, Map.of(), Map.of()));
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
        for (int j = 0; j < answered.size(); j++) {
            int i = answered.get(j);
            records.set(i, records.get(i).withScores(scores.get(j), notes.get(j)));
        }
        return records;
    }

    /** Means over the items each metric scored, per-item values, failures, and the calls' tokens and latency. */
    private static RunBatch batch(List<ItemRecord> records, List<AnswerMetric> metrics, ChatModelSettings model) {
        var batch = RunBatch.builder();
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
                        : r.errorKind().name().toLowerCase(java.util.Locale.ROOT) + ": " + r.error()));
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
        return batch.build();
    }
}
