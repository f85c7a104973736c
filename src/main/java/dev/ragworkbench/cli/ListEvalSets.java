package dev.ragworkbench.cli;

import dev.ragworkbench.format.TextTable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ragworkbench.evaluation.EvalSet;
import dev.ragworkbench.report.JsonOutput;
import dev.ragworkbench.evaluation.EvalSetExport;
import dev.ragworkbench.evaluation.EvalSetFiles;
import dev.ragworkbench.evaluation.EvalSetFormat;
import dev.ragworkbench.evaluation.EvalSetStore;
import dev.ragworkbench.evaluation.MalformedFileException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code evalsets list}: see {@link EvalsetsCommand}. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the eval sets with their latest version.")
final class ListEvalSets implements Runnable {
    @Mixin
    WorkspaceOptions options;
    @Spec
    CommandSpec spec;
    @Option(names = "--json", description = "Print a JSON array instead of a table.")
    boolean json;

    @Override
    public void run() {
        try (var bench = options.open()) {
            var summaries = bench.evalSets().summaries();
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                var array = EvalsetsCommand.JSON.createArrayNode();
                summaries.forEach(s -> array.add(EvalsetsCommand.json(s)));
                out.println(JsonOutput.write(array));
                return;
            }
            if (summaries.isEmpty()) {
                out.println("No eval sets yet in " + bench.workspace().root() + "; add one with evalsets import.");
                return;
            }
            var rows = new ArrayList<List<String>>();
            rows.add(List.of("name", "format", "version", "sha256", "queries", "judgments", "answer spans"));
            for (var s : summaries) {
                rows.add(List.of(s.name(), s.format().id(), Integer.toString(s.latest().version()),
                        s.latest().sha256().substring(0, 12), Integer.toString(s.queries()),
                        Integer.toString(s.judgments()), Integer.toString(s.answerSpans())));
            }
            out.print(TextTable.of(rows, 2, 4, 5, 6));
        }
    }
}
