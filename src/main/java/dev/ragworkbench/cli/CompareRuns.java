package dev.ragworkbench.cli;

import dev.ragworkbench.format.TextTable;

import dev.ragworkbench.evaluation.MetricComparison;
import dev.ragworkbench.evaluation.Comparison;
import dev.ragworkbench.format.Formats;
import dev.ragworkbench.report.JsonOutput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code runs compare A B}: B against A per metric. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Compare run B with run A: B − A per metric over the queries both scored, 95% bootstrap "
                + "CI, paired randomisation p, and McNemar's p for pass/fail metrics.")
final class CompareRuns implements Runnable {
    @Mixin
    WorkspaceOptions options;
    @Parameters(index = "0", paramLabel = "A")
    String a;
    @Parameters(index = "1", paramLabel = "B")
    String b;
    @Option(names = "--json", description = "Print {\"a\", \"b\", \"evalSetsDiffer\", \"metrics\": {NAME: {\"meanA\", "
            + "\"meanB\", \"delta\", \"ciLow\", \"ciHigh\", \"p\", \"paired\", \"excluded\"}}}.")
    boolean json;
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        try (var bench = options.open()) {
            var store = bench.runs();
            var runA = store.run(a);
            var runB = store.run(b);
            Comparison comparison = bench.comparisons().compare(runA.id(), runB.id());
            var out = spec.commandLine().getOut();
            if (json) {
                out.println(JsonOutput.write(comparison));
                return;
            }
            out.printf(Locale.ROOT, "A = %s (%s)%nB = %s (%s)%n%n", runA.id(), runA.name(), runB.id(), runB.name());
            if (comparison.evalSetsDiffer()) {
                out.println("Warning: the two runs were evaluated on different eval sets (evalSet.sha256 differs).");
                out.println();
            }
            if (comparison.metrics().isEmpty()) {
                out.println("The two runs share no per-query metric.");
                return;
            }
            out.print(table(comparison));
            for (MetricComparison m : comparison.metrics().values()) {
                m.flips().ifPresent(f -> out.printf(Locale.ROOT, "%s: %d right → wrong, %d wrong → right%n",
                        m.metric(), f.rightToWrong().size(), f.wrongToRight().size()));
            }
        }
    }

    static String table(Comparison comparison) {
        var rows = new ArrayList<List<String>>();
        rows.add(List.of("metric", "A", "B", "B − A", "95% CI", "p", "McNemar p", "queries", "excluded"));
        for (MetricComparison c : comparison.metrics().values()) {
            rows.add(List.of(c.metric(), Formats.metric(c.meanA()), Formats.metric(c.meanB()),
                    Formats.delta(c.delta()), "[" + Formats.delta(c.ciLow()) + ", " + Formats.delta(c.ciHigh()) + "]",
                    Formats.metric(c.p()), c.flips().map(f -> Formats.metric(f.mcnemarP())).orElse(Formats.MISSING),
                    Integer.toString(c.paired()), Integer.toString(c.excluded())));
        }
        return TextTable.of(rows, 1, 2, 3, 5, 6, 7, 8);
    }
}
