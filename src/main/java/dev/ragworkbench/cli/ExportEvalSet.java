package dev.ragworkbench.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ragworkbench.evaluation.EvalSet;
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

/** {@code evalsets export}: see {@link EvalsetsCommand}. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write an eval set as BEIR (queries.jsonl, qrels/test.tsv) or TREC (topics.tsv, qrels.txt).")
final class ExportEvalSet implements Runnable {
    @Mixin
    WorkspaceOptions options;
    @Spec
    CommandSpec spec;
    @Parameters(paramLabel = "NAME", description = "The eval set.")
    String name;
    @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "beir or trec.")
    String format;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The folder to write into.")
    Path out;
    @Option(names = "--version", paramLabel = "VERSION",
            description = "A version number or sha256 prefix (default: the latest).")
    String version;

    @Override
    public void run() {
        var f = EvalSetExport.Format.fromId(format);
        try (var bench = options.open()) {
            EvalSetStore store = bench.evalSets();
            EvalSet set = version == null ? store.get(name) : store.get(name, version);
            var written = EvalSetExport.write(set, f, out);
            for (Path p : written) {
                spec.commandLine().getOut().println(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        }
    }
}
