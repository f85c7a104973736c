package dev.ragworkbench.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code runs compare A B}: B against A per metric. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Compare run B with run A: B − A per metric, 95% bootstrap CI and paired randomisation p.")
final class CompareRuns implements Runnable {
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
