package dev.ragworkbench.cli;

import dev.ragworkbench.experiment.store.RunQuery;
import dev.ragworkbench.experiment.store.Run;
import dev.ragworkbench.experiment.store.RunStatus;
import dev.ragworkbench.experiment.store.RunStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/** {@code runs list | show ID | compare A B}: the experiment history. */
@Command(name = "runs", mixinStandardHelpOptions = true, description = "List, show and compare recorded runs.",
        subcommands = {RunsCommand.ListRuns.class, RunsCommand.ShowRun.class, RunsCommand.CompareRuns.class})
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
                row.add(v == null ? "–" : Format.metric(v));
            }
            rows.add(row);
        }
        Integer[] right = new Integer[metrics.size()];
        for (int i = 0; i < right.length; i++) {
            right[i] = 3 + i;
        }
        return Format.table(rows, right);
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List runs, newest first.")
    static final class ListRuns implements Runnable {
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
                    query = query.status(RunStatus.parse(status));
                }
                if (search != null) {
                    query = query.text(search);
                }
                var runs = bench.runs().runs(query);
                var out = spec.commandLine().getOut();
                if (json) {
                    out.println(dev.ragworkbench.experiment.store.RunJson.write(runs));
                    return;
                }
                if (runs.isEmpty()) {
                    out.println("No runs yet; run an experiment with 'run SPEC.yaml'.");
                    return;
                }
                out.print(metricsTable(runs, List.of()));
            }
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show a run: params, metrics, artifacts.")
    static final class ShowRun implements Runnable {
        @Mixin
        WorkspaceOptions options;
        @Parameters(paramLabel = "ID")
        String id;
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            try (var bench = options.open()) {
                var store = bench.runs();
                var r = store.run(id);
                var out = spec.commandLine().getOut();
                out.printf(Locale.ROOT, "Run %s: %s%n", r.id(), r.name());
                out.printf(Locale.ROOT, "Status: %s%s%n", r.status().id(),
                        r.statusReason() == null ? "" : " (" + r.statusReason() + ")");
                out.printf(Locale.ROOT, "Started: %s, took %.1f s, code %s%n", Format.instant(r.startedAt()),
                        r.duration().toMillis() / 1000.0, r.codeVersion());
                out.println();
                out.print(keyValues("param", r.params().entrySet().stream().map(e -> List.of(e.getKey(), e.getValue())).toList()));
                out.println();
                out.print(keyValues("metric", r.metrics().entrySet().stream()
                        .map(e -> List.of(e.getKey(), Format.metric(e.getValue()))).toList()));
                if (!r.tags().isEmpty()) {
                    out.println();
                    out.print(keyValues("tag", r.tags().entrySet().stream().map(e -> List.of(e.getKey(), e.getValue())).toList()));
                }
                if (!r.artifacts().isEmpty()) {
                    out.println();
                    out.print(keyValues("artifact", r.artifacts().stream()
                            .map(a -> List.of(a.name(), store.file(a).toString())).toList()));
                }
                r.notes().forEach(n -> out.println("Note (" + Format.instant(n.createdAt()) + "): " + n.text()));
            }
        }

        private static String keyValues(String what, List<List<String>> pairs) {
            var rows = new ArrayList<List<String>>();
            rows.add(List.of(what, "value"));
            rows.addAll(pairs);
            return Format.table(rows);
        }
    }

    @Command(name = "compare", mixinStandardHelpOptions = true,
            description = "Compare run B with run A: B − A per metric, 95% bootstrap CI and paired randomisation p.")
    static final class CompareRuns implements Runnable {
        @Mixin
        WorkspaceOptions options;
        @Parameters(index = "0", paramLabel = "A")
        String a;
        @Parameters(index = "1", paramLabel = "B")
        String b;
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            try (var bench = options.open()) {
                var store = bench.runs();
                var runA = store.run(a);
                var runB = store.run(b);
                var comparisons = store.compare(a, b);
                var out = spec.commandLine().getOut();
                out.printf(Locale.ROOT, "A = %s (%s)%nB = %s (%s)%n%n", runA.id(), runA.name(), runB.id(), runB.name());
                if (comparisons.isEmpty()) {
                    out.println("The two runs share no per-query metric.");
                    return;
                }
                var rows = new ArrayList<List<String>>();
                rows.add(List.of("metric", "A", "B", "B − A", "95% CI", "p", "queries"));
                for (var c : comparisons) {
                    rows.add(List.of(c.metric().toString(), Format.metric(c.meanA()), Format.metric(c.meanB()),
                            signed(c.delta()), "[" + signed(c.ciLow()) + ", " + signed(c.ciHigh()) + "]",
                            String.format(Locale.ROOT, "%.4f", c.pValue()), Integer.toString(c.queries())));
                }
                out.print(Format.table(rows, 1, 2, 3, 5, 6));
            }
        }

        private static String signed(double v) {
            return String.format(Locale.ROOT, "%+.4f", v);
        }
    }
}
