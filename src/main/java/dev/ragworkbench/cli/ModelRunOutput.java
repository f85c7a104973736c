package dev.ragworkbench.cli;

import dev.ragworkbench.experiment.ModelRunner;
import dev.ragworkbench.experiment.store.RunJson;
import dev.ragworkbench.format.Formats;
import dev.ragworkbench.format.TextTable;
import dev.ragworkbench.report.JsonOutput;

import java.util.ArrayList;
import java.util.List;

/** What {@code run} prints for a test-set spec: each model's run with its item counts beside its metrics. */
final class ModelRunOutput {

    private ModelRunOutput() {
    }

    /** {@code {"runs": [{…the run…, "items": {"total": N, "failed": M}}]}}. */
    static String json(List<ModelRunner.Outcome> outcomes) {
        var root = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        var runs = root.putArray("runs");
        for (var o : outcomes) {
            var node = RunJson.toJson(o.run());
            var items = node.putObject("items");
            items.put("total", o.total());
            items.put("failed", o.failed());
            runs.add(node);
        }
        return JsonOutput.write(root);
    }

    /** run, model, status, the spec's metrics, items, failed. */
    static String table(List<ModelRunner.Outcome> outcomes, List<String> metrics) {
        var rows = new ArrayList<List<String>>();
        var header = new ArrayList<>(List.of("run", "model", "status"));
        header.addAll(metrics);
        header.addAll(List.of("items", "failed"));
        rows.add(header);
        for (var o : outcomes) {
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
}
