package dev.ragworkbench.cli;

import dev.ragworkbench.experiment.store.RunJson;
import dev.ragworkbench.experiment.store.RunQuery;
import dev.ragworkbench.experiment.store.RunStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.List;

/** {@code runs list}: the experiment history, newest first. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List runs, newest first.")
final class ListRuns implements Runnable {
    @Mixin
    WorkspaceOptions options;
    @Option(names = "--status", paramLabel = "S", description = "running, finished, failed or cancelled.")
    String status;
    @Option(names = "--search", paramLabel = "TEXT", description = "Only runs whose name or params contain TEXT.")
    String search;
    @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "At most N (default 50).")
    int limit;
    @Option(names = "--json", description = "Print {\"runs\":[…]}, each run as 'run --json' prints it.")
    boolean json;
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        try (var bench = options.open()) {
            var query = RunQuery.all().limit(limit);
            if (status != null) {
                query = query.status(RunStatus.fromId(status));
            }
            if (search != null) {
                query = query.text(search);
            }
            var runs = bench.runs().runs(query);
            var out = spec.commandLine().getOut();
            if (json) {
                out.println(RunJson.write(runs));
                return;
            }
            if (runs.isEmpty()) {
                out.println("No runs yet; run an experiment with 'run SPEC.yaml'.");
                return;
            }
            out.print(RunsCommand.metricsTable(runs, List.of()));
        }
    }
}
