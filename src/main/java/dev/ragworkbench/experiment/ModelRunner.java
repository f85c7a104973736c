package dev.ragworkbench.experiment;

import dev.ragworkbench.embedding.Embedders;
import dev.ragworkbench.evaluation.AnswerMetric;
import dev.ragworkbench.evaluation.AnswerMetrics;
import dev.ragworkbench.evaluation.TestItem;
import dev.ragworkbench.evaluation.TestSet;
import dev.ragworkbench.evaluation.TestSetReader;
import dev.ragworkbench.experiment.spec.ExperimentSpec;
import dev.ragworkbench.experiment.spec.ModelRunSpec;
import dev.ragworkbench.experiment.store.ExperimentExecution;
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
import java.util.List;

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
        for (int i = 0; i < set.size(); i++) {
            TestItem item = set.items().get(i);
            records.add(ItemScoring.record(item.id(), requests.get(i).messages().getLast().text(), item.expected(),
                    calls.get(i)));
        }
        return ItemScoring.scored(records, metrics);
    }

    /** Means over the items each metric scored, per-item values, failures, and the calls' tokens and latency. */
    private static RunBatch batch(List<ItemRecord> records, List<AnswerMetric> metrics, ChatModelSettings model) {
        return ItemScoring.batch(RunBatch.builder(), records, metrics, model).build();
    }
}
