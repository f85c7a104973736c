package dev.ragworkbench.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ragworkbench.experiment.ExperimentRunner;
import dev.ragworkbench.experiment.ModelRunner;
import dev.ragworkbench.experiment.PairwiseJudging;
import dev.ragworkbench.experiment.PairwiseRecords;
import dev.ragworkbench.experiment.store.Run;
import dev.ragworkbench.experiment.store.RunJson;
import dev.ragworkbench.format.Formats;
import dev.ragworkbench.format.TextTable;
import dev.ragworkbench.report.JsonOutput;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@code run} prints for runs with a model's answers (a test-set spec's, or a retrieval spec's with
 * {@code models}): each run with its item counts beside its metrics.
 */
final class ModelRunOutput {

    private ModelRunOutput() {
    }

    /** {@code {"runs": [{…the run…, "items": {"total": N, "failed": M}}]}}. */
    static String json(List<ModelRunner.Outcome> outcomes) {
        return json(outcomes, null);
    }

    /** As {@link #json(List)}, with {@code "pairwise": {…}} beside the runs when the spec had a judge. */
    static String json(List<ModelRunner.Outcome> outcomes, PairwiseJudging.Outcome pairwise) {
        var root = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        var runs = root.putArray("runs");
        for (var o : outcomes) {
            runs.add(withItems(RunJson.toJson(o.run()), o.total(), o.failed()));
        }
        if (pairwise != null) {
            root.set("pairwise", PairwiseRecords.outcomeJson(pairwise));
        }
        return JsonOutput.write(root);
    }

    /**
     * A retrieval spec's runs; those with answers also carry {@code "items": {"total", "failed"}} and, with a
     * judge, {@code "judgeFailed": {"faithfulness": N, …}}: per judge metric the items it could not score (a
     * metric no item could be scored on is absent from {@code metrics}).
     */
    static String answersJson(List<ExperimentRunner.Outcome> outcomes) {
        var root = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        var runs = root.putArray("runs");
        for (var o : outcomes) {
            var node = RunJson.toJson(o.run());
            if (o.answered()) {
                withItems(node, o.items().size(), o.failedItems());
                if (!o.judgeFailed().isEmpty()) {
                    var failed = node.putObject("judgeFailed");
                    o.judgeFailed().forEach(failed::put);
                }
            }
            runs.add(node);
        }
        return JsonOutput.write(root);
    }

    private static ObjectNode withItems(ObjectNode node, int total, int failed) {
        var items = node.putObject("items");
        items.put("total", total);
        items.put("failed", failed);
        return node;
    }

    /** run, model, status, the spec's metrics, items, failed. */
    static String table(List<ModelRunner.Outcome> outcomes, List<String> metrics) {
        return table("model", outcomes.stream().map(o -> new Row(o.run(), o.total(), o.failed())).toList(), metrics);
    }

    /**
     * run, name, status, the spec's retrieval metrics, the answer metrics (and judge metrics), items, failed: a
     * metric a run lacks (a judge metric no item could be scored on) shows as missing.
     */
    static String answersTable(List<ExperimentRunner.Outcome> outcomes, List<String> metrics) {
        return table("name", outcomes.stream().map(o -> new Row(o.run(), o.items().size(), o.failedItems())).toList(),
                metrics);
    }

    private record Row(Run run, int total, int failed) {
    }

    private static String table(String nameColumn, List<Row> runs, List<String> metrics) {
        var rows = new ArrayList<List<String>>();
        var header = new ArrayList<>(List.of("run", nameColumn, "status"));
        header.addAll(metrics);
        header.addAll(List.of("items", "failed"));
        rows.add(header);
        for (var o : runs) {
            var row = new ArrayList<>(List.of(o.run().id(), o.run().name(), o.run().status().id()));
            for (String m : metrics) {
                Double v = o.run().metrics().get(m);
                row.add(v == null ? Formats.MISSING : Formats.metric(v));
            }
            row.add(Integer.toString(o.total()));
            row.add(Integer.toString(o.failed()));
            rows.add(row);
        }
        Integer[] right = new Integer[metrics.size() + 2];
        for (int i = 0; i < right.length; i++) {
            right[i] = 3 + i;
        }
        return TextTable.of(rows, right);
    }

    /**
     * The judging under the table: B's win / tie / loss against A, the win rate with its interval, the orders'
     * agreement, and the items where the orders disagreed, each with what either order preferred.
     */
    static String pairwise(PairwiseJudging.Outcome o) {
        var t = o.tally();
        var out = new StringBuilder();
        String nl = System.lineSeparator();
        out.append(nl).append("Pairwise judge ").append(o.judge()).append(": ").append(o.modelB()).append(" against ")
                .append(o.modelA()).append(", ").append(o.items().size()).append(" items, each judged in both orders")
                .append(" (run ").append(o.run().id()).append(')').append(nl);
        out.append("  ").append(o.modelB()).append(" wins ").append(t.wins()).append(", ties ").append(t.ties())
                .append(", loses ").append(t.losses());
        if (t.failed() > 0) {
            out.append("; ").append(t.failed()).append(" not judged (failed)");
        }
        out.append(nl);
        if (t.judged() > 0) {
            out.append("  win rate ").append(Formats.metric(t.winRate())).append(" [").append(Formats.metric(t.ciLow()))
                    .append(", ").append(Formats.metric(t.ciHigh())).append("] (ties count ½; 95 % bootstrap CI over items)")
                    .append(nl);
            out.append("  orders agreed on ").append(t.agreed()).append(" of ").append(t.judged()).append(" judged items (")
                    .append(Formats.percent(t.agreement())).append("); a disagreement counts as a tie").append(nl);
        }
        for (var item : o.disagreements()) {
            out.append("  disagreed ").append(item.id()).append(": ").append(o.disagreement(item)).append(nl);
        }
        for (var item : o.failures()) {
            out.append("  failed ").append(item.id()).append(": ").append(item.failure()).append(nl);
        }
        if (!o.disagreements().isEmpty() || !o.failures().isEmpty()) {
            out.append("  the judge's replies: ").append(PairwiseRecords.ITEMS_ARTIFACT).append(" of run ")
                    .append(o.run().id()).append(nl);
        }
        return out.toString();
    }
}
