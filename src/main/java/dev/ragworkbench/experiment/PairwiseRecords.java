package dev.ragworkbench.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ragworkbench.evaluation.PairwiseTally;
import dev.ragworkbench.experiment.store.ItemFailure;
import dev.ragworkbench.experiment.store.Run;
import dev.ragworkbench.experiment.store.RunBatch;
import dev.ragworkbench.experiment.store.RunStore;
import dev.ragworkbench.generation.ChatModelSettings;
import dev.ragworkbench.generation.ChatReply;
import dev.ragworkbench.generation.judge.PairwisePrompt;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;

/**
 * How a pairwise judging is recorded: the run's params (the two runs it judged, the judge, the rubric's hash),
 * its metrics and per-item values, and its artifacts {@code judge-prompt.txt} and {@code pairwise.jsonl}.
 */
public final class PairwiseRecords {

    /** The tag that marks a pairwise run in the history, and its value. */
    public static final String KIND_TAG = "kind";
    public static final String KIND = "pairwise";
    public static final String ITEMS_ARTIFACT = "pairwise.jsonl";
    public static final String PROMPT_ARTIFACT = "judge-prompt.txt";

    public static final String WIN_RATE = "win_rate";
    public static final String WIN_RATE_CI_LOW = "win_rate_ci_low";
    public static final String WIN_RATE_CI_HIGH = "win_rate_ci_high";
    public static final String AGREEMENT = "agreement";
    /** Per item: B's score, 1 win, ½ tie, 0 loss (judged items only), so two judgings can be compared. */
    public static final String ITEM_SCORE = "pairwise_score";
    /** Per item: 1 when both orders agreed, else 0. */
    public static final String ITEM_AGREE = "orders_agree";

    private static final ObjectMapper JSON = new ObjectMapper();

    private PairwiseRecords() {
    }

    static Map<String, String> params(Run a, Run b, ChatModelSettings judge, PairwisePrompt prompt, int items) {
        var p = new LinkedHashMap<String, String>();
        p.put("pairwise.runA", a.id());
        p.put("pairwise.runB", b.id());
        p.put("pairwise.modelA", a.name());
        p.put("pairwise.modelB", b.name());
        p.put("pairwise.items", Integer.toString(items));
        for (String key : List.of("testSet.name", "testSet.path", "testSet.sha256", "prompt.sha256")) {
            ModelRunRecords.putIfSet(p, key, a.params().get(key));
        }
        p.put("judge.model.name", judge.name());
        p.put("judge.model.provider", judge.provider().id());
        ModelRunRecords.putIfSet(p, "judge.model.id", judge.modelId());
        ModelRunRecords.putIfSet(p, "judge.model.baseUrl", judge.baseUrl());
        ModelRunRecords.putIfSet(p, "judge.model.temperature", judge.temperature());
        p.put("judge.rubric.sha256", dev.ragworkbench.ingest.ContentHash.of(prompt.rubric()));
        return p;
    }

    /** The tally as metrics (none of the rates when no item could be judged), per-item values and failures. */
    static RunBatch batch(List<PairwiseItem> items, PairwiseTally tally, List<ChatReply> replies,
                          ChatModelSettings judge) {
        var batch = RunBatch.builder();
        if (tally.judged() > 0) {
            batch.metric(WIN_RATE, tally.winRate()).metric(WIN_RATE_CI_LOW, tally.ciLow())
                    .metric(WIN_RATE_CI_HIGH, tally.ciHigh()).metric(AGREEMENT, tally.agreement());
        }
        batch.metric("wins", tally.wins()).metric("ties", tally.ties()).metric("losses", tally.losses())
                .metric("judged", tally.judged()).metric("judge_failed", tally.failed());
        SequencedMap<String, Double> scores = new LinkedHashMap<>();
        SequencedMap<String, Double> agree = new LinkedHashMap<>();
        for (PairwiseItem item : items) {
            if (item.failed()) {
                var last = item.bFirst().failure() != null ? item.bFirst() : item.aFirst();
                batch.failure(new ItemFailure(item.id(), KIND, item.failure(),
                        last.replies().isEmpty() ? null : last.replies().getLast()));
            } else {
                scores.put(item.id(), item.orders().verdict().scoreOfB());
                agree.put(item.id(), item.orders().agree() ? 1.0 : 0.0);
            }
        }
        if (!scores.isEmpty()) {
            batch.queryMetrics(ITEM_SCORE, scores).queryMetrics(ITEM_AGREE, agree);
        }
        // the judge's own tokens and cost, apart from the two models' (which their runs hold)
        long in = 0;
        long out = 0;
        boolean counted = false;
        double cost = 0;
        boolean priced = judge.hasPrices();
        int cached = 0;
        for (ChatReply r : replies) {
            if (r.inputTokens() >= 0 && r.outputTokens() >= 0) {
                in += r.inputTokens();
                out += r.outputTokens();
                counted = true;
            }
            var c = judge.costOf(r);
            if (c.isPresent()) {
                cost += c.getAsDouble();
            } else {
                priced = false;
            }
            cached += r.cached() ? 1 : 0;
        }
        if (counted) {
            batch.metric("judge_input_tokens", in).metric("judge_output_tokens", out);
        }
        if (priced && !replies.isEmpty()) {
            batch.metric("judge_cost", cost);
        }
        batch.metric("judge_calls", replies.size()).metric("judge_cache_hits", cached);
        return batch.build();
    }

    static void saveArtifacts(RunStore store, String runId, String prompt, List<PairwiseItem> items) {
        RunArtifacts.save(store, runId, List.of(
                new RunArtifacts.Text(PROMPT_ARTIFACT, "prompt", w -> w.write(prompt)),
                RunArtifacts.Text.jsonLines(ITEMS_ARTIFACT, "pairwise-jsonl", items, PairwiseRecords::toJson)));
    }

    /** One item as {@code pairwise.jsonl} holds it. */
    public static ObjectNode toJson(PairwiseItem item) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", item.id());
        n.put("task", item.task());
        n.put("reference", item.reference());
        n.put("outputA", item.outputA());
        n.put("outputB", item.outputB());
        if (item.failed()) {
            n.putNull("verdict");
            n.put("failure", item.failure());
        } else {
            n.put("verdict", item.orders().verdict().name().equals("TIE") ? "tie" : item.orders().verdict().name());
            n.put("ordersAgree", item.orders().agree());
        }
        n.set("aFirst", order(item.aFirst()));
        n.set("bFirst", order(item.bFirst()));
        return n;
    }

    private static ObjectNode order(PairwiseItem.Order o) {
        ObjectNode n = JSON.createObjectNode();
        if (o.preference() == null) {
            n.putNull("prefers");
            n.put("failure", o.failure());
        } else {
            n.put("prefers", o.preference() == PairwiseTally.Preference.TIE ? "tie" : o.preference().name());
        }
        n.put("reason", o.reason());
        var replies = n.putArray("replies");
        o.replies().forEach(replies::add);
        return n;
    }

    /**
     * A finished judging as {@code run --json} prints it: the run, the models, the counts, agreement, the win rate
     * with its interval (absent when no item was judged), and the disagreeing and failed items with the judge's
     * replies.
     */
    public static ObjectNode outcomeJson(PairwiseJudging.Outcome o) {
        ObjectNode n = JSON.createObjectNode();
        n.set("run", dev.ragworkbench.experiment.store.RunJson.toJson(o.run()));
        n.put("modelA", o.modelA());
        n.put("modelB", o.modelB());
        n.put("judge", o.judge());
        PairwiseTally t = o.tally();
        n.put("items", o.items().size());
        n.put("judged", t.judged());
        n.put("failed", t.failed());
        n.put("wins", t.wins());
        n.put("ties", t.ties());
        n.put("losses", t.losses());
        if (t.judged() > 0) {
            n.put("agreement", t.agreement());
            n.put("winRate", t.winRate());
            n.putArray("winRateCi").add(t.ciLow()).add(t.ciHigh());
        }
        var disagreements = n.putArray("disagreements");
        o.disagreements().forEach(i -> disagreements.add(toJson(i)));
        var failures = n.putArray("failures");
        o.failures().forEach(i -> failures.addObject().put("id", i.id()).put("reason", i.failure()));
        return n;
    }
}
