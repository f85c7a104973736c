package dev.ragworkbench.cli;

import dev.ragworkbench.format.Formats;

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

/** {@code evalsets show}: see {@link EvalsetsCommand}. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Show one eval set and its versions.")
final class ShowEvalSet implements Runnable {
    @Mixin
    WorkspaceOptions options;
    @Spec
    CommandSpec spec;
    @Parameters(paramLabel = "NAME", description = "The eval set.")
    String name;
    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Override
    public void run() {
        try (var bench = options.open()) {
            var store = bench.evalSets();
            var s = store.summary(name);
            var versions = store.versions(name);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                ObjectNode node = EvalsetsCommand.json(s);
                var array = node.putArray("history");
                versions.forEach(v -> array.add(EvalsetsCommand.json(v)));
                out.println(JsonOutput.write(node));
                return;
            }
            out.printf(Locale.ROOT, "%s (%s%s)%n", s.name(), s.format().id(),
                    s.corpus() == null ? "" : ", judged against corpus " + s.corpus());
            if (s.source() != null) {
                out.println("  source:           " + s.source());
            }
            out.printf(Locale.ROOT, "  queries:          %d (%d with a reference answer or contexts)%n",
                    s.queries(), s.references());
            out.printf(Locale.ROOT, "  judgments:        %d of %d documents%n", s.judgments(), s.judgedDocuments());
            out.printf(Locale.ROOT, "  answer spans:     %d%n", s.answerSpans());
            out.println("  versions:");
            for (var v : versions) {
                out.printf(Locale.ROOT, "    %d  %s  %s%s%s%n", v.version(), v.sha256(), Formats.instant(v.createdAt()),
                        v.parent() == null ? "" : "  from " + v.parent(), v.note() == null ? "" : "  " + v.note());
            }
        }
    }
}
