package dev.ragworkbench.cli;

import dev.ragworkbench.format.Formats;
import dev.ragworkbench.format.TextTable;

import dev.ragworkbench.experiment.store.Run;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code runs show ID}: one run with its params, metrics, tags, artifacts and notes. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Show a run: params, metrics, artifacts.")
final class ShowRun implements Runnable {
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
            out.printf(Locale.ROOT, "Started: %s, took %.1f s, code %s%n", Formats.instant(r.startedAt()),
                    r.duration().toMillis() / 1000.0, r.codeVersion());
            out.println();
            out.print(keyValues("param", r.params().entrySet().stream().map(e -> List.of(e.getKey(), e.getValue())).toList()));
            out.println();
            out.print(keyValues("metric", r.metrics().entrySet().stream()
                    .map(e -> List.of(e.getKey(), Formats.metric(e.getValue()))).toList()));
            if (!r.tags().isEmpty()) {
                out.println();
                out.print(keyValues("tag", r.tags().entrySet().stream().map(e -> List.of(e.getKey(), e.getValue())).toList()));
            }
            if (!r.artifacts().isEmpty()) {
                out.println();
                out.print(keyValues("artifact", r.artifacts().stream()
                        .map(a -> List.of(a.name(), store.file(a).toString())).toList()));
            }
            r.notes().forEach(n -> out.println("Note (" + Formats.instant(n.createdAt()) + "): " + n.text()));
        }
    }

    private static String keyValues(String what, List<List<String>> pairs) {
        var rows = new ArrayList<List<String>>();
        rows.add(List.of(what, "value"));
        rows.addAll(pairs);
        return TextTable.of(rows);
    }
}
