package dev.ragworkbench.cli;

import dev.ragworkbench.format.Formats;
import dev.ragworkbench.format.TextTable;

import dev.ragworkbench.experiment.store.Run;
import picocli.CommandLine.Command;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** {@code runs list | show ID | compare A B | delete | tag | note | baseline}: the experiment history. */
@Command(name = "runs", mixinStandardHelpOptions = true,
        description = "List, show, compare, delete, tag and annotate recorded runs; mark a baseline.",
        subcommands = {ListRuns.class, ShowRun.class, CompareRuns.class, DeleteRuns.class, TagRun.class, NoteRun.class,
                MarkBaseline.class})
final class RunsCommand {

    /** Runs as rows, metrics as columns (the union, in first-seen order unless given). */
    static String metricsTable(List<Run> runs, List<String> metricOrder) {
        var metrics = new LinkedHashSet<>(metricOrder);
        runs.forEach(r -> metrics.addAll(r.metrics().keySet()));
        var header = new ArrayList<>(List.of("run", "name", "status"));
        header.addAll(metrics);
        var rows = new ArrayList<List<String>>();
        rows.add(header);
        for (var r : runs) {
            var row = new ArrayList<>(List.of(r.id(), r.name(), r.status().id()));
            for (String m : metrics) {
                Double v = r.metrics().get(m);
                row.add(v == null ? "–" : Formats.metric(v));
            }
            rows.add(row);
        }
        Integer[] right = new Integer[metrics.size()];
        for (int i = 0; i < right.length; i++) {
            right[i] = 3 + i;
        }
        return TextTable.of(rows, right);
    }
}
