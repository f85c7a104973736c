package dev.ragworkbench.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ragworkbench.experiment.history.ExperimentBaselines;
import dev.ragworkbench.experiment.store.ExperimentSummary;
import dev.ragworkbench.format.Formats;
import dev.ragworkbench.format.TextTable;
import dev.ragworkbench.report.JsonOutput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;

/** {@code experiments list}: each experiment with its run counts, newest start and marked baseline. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List experiments, the one run most recently first, with run counts and last start.")
final class ListExperiments implements Runnable {
    @Mixin
    WorkspaceOptions options;
    @Option(names = "--json", description = "Print {\"experiments\":[{\"name\",\"executions\",\"runs\",\"finished\","
            + "\"failed\",\"lastStart\",\"baseline\"}]}.")
    boolean json;
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        try (var bench = options.open()) {
            List<ExperimentSummary> all = bench.runs().experimentSummaries();
            var baselines = new ExperimentBaselines(bench.runs()).all();
            var out = spec.commandLine().getOut();
            if (json) {
                var root = new ObjectMapper().createObjectNode();
                var array = root.putArray("experiments");
                for (var e : all) {
                    var node = array.addObject();
                    node.put("name", e.name());
                    node.put("executions", e.executions());
                    node.put("runs", e.runs());
                    node.put("finished", e.finished());
                    node.put("failed", e.failed());
                    node.put("lastStart", e.lastStart() == null ? null : e.lastStart().toString());
                    node.put("baseline", baselines.get(e.name()));
                }
                out.println(JsonOutput.write(root));
                return;
            }
            if (all.isEmpty()) {
                out.println("No experiments yet; run one with 'run SPEC.yaml'.");
                return;
            }
            var rows = new ArrayList<List<String>>();
            rows.add(List.of("experiment", "runs", "finished", "failed", "executions", "last start", "baseline"));
            for (var e : all) {
                rows.add(List.of(e.name(), Formats.count(e.runs()), Formats.count(e.finished()),
                        Formats.count(e.failed()), Formats.count(e.executions()),
                        e.lastStart() == null ? "–" : Formats.instant(e.lastStart()),
                        baselines.getOrDefault(e.name(), "–")));
            }
            out.print(TextTable.of(rows, 1, 2, 3, 4));
        }
    }
}
