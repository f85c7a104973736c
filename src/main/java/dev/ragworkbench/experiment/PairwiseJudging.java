package dev.ragworkbench.experiment;

import dev.ragworkbench.evaluation.PairedComparison;
import dev.ragworkbench.evaluation.PairwiseTally;
import dev.ragworkbench.evaluation.PairwiseTally.Preference;
import dev.ragworkbench.experiment.PairwiseItem.Order;
import dev.ragworkbench.experiment.spec.ModelRunSpec;
import dev.ragworkbench.experiment.spec.PairwiseJudgeSpec;
import dev.ragworkbench.experiment.store.ExperimentExecution;
import dev.ragworkbench.experiment.store.Run;
import dev.ragworkbench.experiment.store.RunStatus;
import dev.ragworkbench.experiment.store.RunStore;
import dev.ragworkbench.generation.ChatClient;
import dev.ragworkbench.generation.ChatModelSettings;
import dev.ragworkbench.generation.ChatReply;
import dev.ragworkbench.generation.judge.JsonJudgeCall;
import dev.ragworkbench.generation.judge.PairwisePrompt;
import dev.ragworkbench.generation.judge.PairwisePrompt.Choice;
import dev.ragworkbench.progress.Cancellation;
import dev.ragworkbench.progress.CancelledException;
import dev.ragworkbench.progress.ProgressListener;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Judges two model runs on the same test set pair by pair: for every item both runs have, a stored judge model is
 * asked twice through {@link JsonJudgeCall} (model A's output in position A, then model B's), both through the
 * judge's client (its limits, retries, breaker and call cache). The result is a run of its own, tagged
 * {@code kind=pairwise} and placed beside the two runs (same experiment and execution), with B's win / tie / loss
 * against A, the orders' agreement and the win rate with its interval as metrics, per-item scores that
 * {@code runs compare} can pair, failures with reasons, and every verdict and reply in {@code pairwise.jsonl}.
 */
public final class PairwiseJudging {

    private final ExperimentResources resources;
    private final RunStore store;
    private final PairedComparison.Options statistics;

    public PairwiseJudging(ExperimentResources resources, RunStore store) {
        this(resources, store, PairedComparison.Options.defaults());
    }

    public PairwiseJudging(ExperimentResources resources, RunStore store, PairedComparison.Options statistics) {
        this.resources = resources;
        this.store = store;
        this.statistics = statistics;
    }

    /** A finished judging: its run, the models, the tally and every item. */
    public record Outcome(Run run, String modelA, String modelB, String judge, PairwiseTally tally,
                          List<PairwiseItem> items) {
        /** The judged items whose two orders gave different verdicts (counted as ties). */
        public List<PairwiseItem> disagreements() {
            return items.stream().filter(PairwiseItem::disagree).toList();
        }

        public List<PairwiseItem> failures() {
            return items.stream().filter(PairwiseItem::failed).toList();
        }

        /**
         * How the orders of a disagreeing item differ, in a line: a judge that took the output in one position
         * both times is named as such (position bias), otherwise each order's choice by model name.
         */
        public String disagreement(PairwiseItem item) {
            var a = item.aFirst().preference();
            var b = item.bFirst().preference();
            if (a == Preference.A && b == Preference.B) {
                return "both times the output shown first";
            }
            if (a == Preference.B && b == Preference.A) {
                return "both times the output shown second";
            }
            return modelA + " first → " + prefers(item.aFirst()) + ", " + modelB + " first → " + prefers(item.bFirst());
        }

        /** What one order preferred, by model name: a model, "tie", or "failed". */
        public String prefers(PairwiseItem.Order order) {
            if (order.preference() == null) {
                return "failed";
            }
            return switch (order.preference()) {
                case A -> modelA;
                case B -> modelB;
                case TIE -> "tie";
            };
        }
    }

    /** The progress stage of the judge's questions: two per item. */
    public static String stage(String judge) {
        return "judging · " + judge;
    }

    /** A test-set spec's model runs and, when the spec has a judge, their pairwise judging. */
    public record SpecOutcome(List<ModelRunner.Outcome> runs, Optional<Outcome> pairwise) {
    }

    /**
     * Runs {@code spec}'s models, then, when it has a {@code judge}, judges the second model's run against the
     * first's. The judge model is resolved before any model runs, so a judge missing from the workspace stops it
     * with nothing recorded.
     */
    public SpecOutcome run(ModelRunSpec spec, ModelRunner.Options options, ProgressListener progress,
                           Cancellation cancel) throws IOException {
        spec.judge().ifPresent(j -> resources.chatModel(j.model()));
        var runs = new ModelRunner(resources, store).run(spec, options, progress, cancel);
        if (spec.judge().isEmpty()) {
            return new SpecOutcome(runs, Optional.empty());
        }
        cancel.check();
        var pairwise = judge(runs.get(0).run().id(), runs.get(1).run().id(), spec.judge().get(), options.fresh(),
                spec.tags(), progress, cancel);
        return new SpecOutcome(runs, Optional.of(pairwise));
    }

    /**
     * Judges run {@code runIdB} against run {@code runIdA} (both model runs, read from the store). Cancelling
     * ends the pairwise run as cancelled, with the verdicts received so far recorded.
     *
     * @param fresh ask the judge again instead of answering from the call cache
     * @param tags  more tags for the run (a spec's), beside {@code kind=pairwise}
     */
    public Outcome judge(String runIdA, String runIdB, PairwiseJudgeSpec spec, boolean fresh, Map<String, String> tags,
                         ProgressListener progress, Cancellation cancel) throws IOException {
        Run a = store.run(runIdA);
        Run b = store.run(runIdB);
        var pairs = pairs(ModelRunRecords.readItems(store, runIdA), ModelRunRecords.readItems(store, runIdB));
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("runs " + runIdA + " and " + runIdB + " have no item in common to judge");
        }
        ChatModelSettings judgeModel = resources.chatModel(spec.model());
        var prompt = new PairwisePrompt(spec.rubric());
        try (ChatClient judge = resources.chatClient(judgeModel, fresh)) {
            var allTags = new LinkedHashMap<>(tags);
            allTags.put(PairwiseRecords.KIND_TAG, PairwiseRecords.KIND);
            Map<String, String> params = PairwiseRecords.params(a, b, judgeModel, prompt, pairs.size());
            String name = b.name() + " vs " + a.name() + " · judge " + judgeModel.name();
            // beside the two runs in the history: the same execution of the same experiment when there is one
            Optional<ExperimentExecution> execution = a.executionId() == null ? Optional.empty()
                    : store.execution(a.executionId());
            Run run = execution.isPresent() ? store.startRunOf(execution.get(), name, params, allTags)
                    : store.startRun(a.experimentId(), name, params, allTags);
            try {
                var asked = ask(judge, prompt, pairs, progress, cancel);
                var items = items(pairs, asked);
                var judged = items.stream().filter(i -> !i.failed()).map(PairwiseItem::orders).toList();
                var tally = PairwiseTally.of(judged, items.size() - judged.size(), statistics);
                store.log(run.id(), PairwiseRecords.batch(items, tally, replies(asked), judgeModel));
                PairwiseRecords.saveArtifacts(store, run.id(), prompt.describe(), items);
                if (cancel.isCancelled() || asked.contains(null)) {
                    store.cancel(run.id());
                    throw new CancelledException();
                }
                return new Outcome(store.finish(run.id()), a.name(), b.name(), judgeModel.name(), tally, items);
            } catch (CancelledException e) {
                if (store.run(run.id()).status() == RunStatus.RUNNING) {
                    store.cancel(run.id());
                }
                throw e;
            } catch (RuntimeException e) {
                store.fail(run.id(), e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
                throw e;
            }
        }
    }

    /** Both runs' records of one item. */
    private record Pair(ItemRecord a, ItemRecord b) {
        boolean answered() {
            return !a.failed() && !b.failed();
        }
    }

    /** The items both runs have, in A's order. */
    private static List<Pair> pairs(List<ItemRecord> a, List<ItemRecord> b) {
        Map<String, ItemRecord> byId = new LinkedHashMap<>();
        b.forEach(r -> byId.put(r.id(), r));
        var pairs = new ArrayList<Pair>();
        for (ItemRecord r : a) {
            ItemRecord other = byId.get(r.id());
            if (other != null) {
                pairs.add(new Pair(r, other));
            }
        }
        return pairs;
    }

    /**
     * Two questions per answered item, A first at even places and B first at odd ones; null where a cancel came
     * first. Items a model failed on are not asked.
     */
    private static List<JsonJudgeCall.Outcome<PairwisePrompt.Verdict>> ask(ChatClient judge, PairwisePrompt prompt,
            List<Pair> pairs, ProgressListener progress, Cancellation cancel) {
        var answered = pairs.stream().filter(Pair::answered).toList();
        return ItemCalls.forEach(judge, answered.size() * 2, (k, calls) -> {
            Pair p = answered.get(k / 2);
            boolean aFirst = k % 2 == 0;
            String text = aFirst ? prompt.prompt(p.a().prompt(), p.a().expected(), p.a().output(), p.b().output())
                    : prompt.prompt(p.a().prompt(), p.a().expected(), p.b().output(), p.a().output());
            var outcome = JsonJudgeCall.ask(judge, p.a().id() + (aFirst ? "/pairwise-a-first" : "/pairwise-b-first"),
                    text, PairwisePrompt::verdict, calls);
            return outcome instanceof JsonJudgeCall.Failed<PairwisePrompt.Verdict> f && f.cancelled() ? null : outcome;
        }, k -> null, stage(judge.modelName()), progress, cancel);
    }

    private static List<PairwiseItem> items(List<Pair> pairs,
                                            List<JsonJudgeCall.Outcome<PairwisePrompt.Verdict>> asked) {
        var items = new ArrayList<PairwiseItem>();
        int k = 0;
        for (Pair p : pairs) {
            ItemRecord a = p.a();
            ItemRecord b = p.b();
            if (!p.answered()) {
                String why = a.failed() ? "model A gave no output: " + a.error() : "model B gave no output: " + b.error();
                items.add(new PairwiseItem(a.id(), a.prompt(), a.expected(), a.output(), b.output(),
                        Order.notAsked(why), Order.notAsked(why), why));
                continue;
            }
            Order aFirst = order(asked.get(k++), false);
            Order bFirst = order(asked.get(k++), true);
            String failure = aFirst.failure() != null ? "A first: " + aFirst.failure()
                    : bFirst.failure() != null ? "B first: " + bFirst.failure() : null;
            items.add(new PairwiseItem(a.id(), a.prompt(), a.expected(), a.output(), b.output(), aFirst, bFirst,
                    failure));
        }
        return items;
    }

    /** One order's verdict in terms of models: with B first, position A holds model B's output. */
    private static Order order(JsonJudgeCall.Outcome<PairwisePrompt.Verdict> outcome, boolean bFirst) {
        if (outcome == null) {
            return Order.notAsked("cancelled before the judge answered");
        }
        var texts = outcome.replies().stream().map(ChatReply::text).toList();
        return switch (outcome) {
            case JsonJudgeCall.Judged<PairwisePrompt.Verdict> j ->
                    new Order(preference(j.value().choice(), bFirst), j.value().reason(), texts, null);
            case JsonJudgeCall.Failed<PairwisePrompt.Verdict> f -> new Order(null, "", texts,
                    (f.kind() == JsonJudgeCall.FailureKind.UNPARSEABLE ? "unreadable reply after the retry: "
                            : "the judge's call failed: ") + f.reason());
        };
    }

    static Preference preference(Choice choice, boolean bFirst) {
        return switch (choice) {
            case TIE -> Preference.TIE;
            case A -> bFirst ? Preference.B : Preference.A;
            case B -> bFirst ? Preference.A : Preference.B;
        };
    }

    private static List<ChatReply> replies(List<JsonJudgeCall.Outcome<PairwisePrompt.Verdict>> asked) {
        return asked.stream().filter(o -> o != null).flatMap(o -> o.replies().stream()).toList();
    }
}
