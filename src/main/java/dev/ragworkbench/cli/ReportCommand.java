package dev.ragworkbench.cli;

import dev.ragworkbench.app.Workbench;
import dev.ragworkbench.report.Report;
import dev.ragworkbench.report.ReportFormat;
import dev.ragworkbench.report.ReportWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/** {@code report RUN_ID… --format html|md|csv|json --out FILE}: export runs, each later one compared with the first. */
@Command(name = "report", mixinStandardHelpOptions = true, description = {
        "Export one or more runs as a report: HTML, Markdown, CSV or JSON.",
        "With two or more runs, each run is compared with the first (the numbers of 'runs compare')."})
final class ReportCommand implements Runnable {

    @Mixin
    WorkspaceOptions options;

    @Parameters(paramLabel = "RUN_ID", arity = "1..*", description = "The runs; the first is the reference.")
    List<String> runIds;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "html, md, csv or json (default: from the --out file's extension).")
    String format;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write it (default: print it).")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        ReportFormat f = format(format, out);
        try (var bench = options.open()) {
            if (out == null) {
                var printer = spec.commandLine().getOut();
                printer.print(ReportWriter.render(build(bench, runIds), f));
                printer.flush();
            } else {
                write(bench, runIds, f, out);
                spec.commandLine().getOut().println("Wrote the " + f + " report of "
                        + (runIds.size() == 1 ? "run " + runIds.getFirst() : runIds.size() + " runs") + " to " + out);
            }
        }
    }

    /** The format named by {@code --format}, or else by the file's extension. */
    static ReportFormat format(String name, Path file) {
        if (name != null) {
            return ReportFormat.named(name).orElseThrow(() -> new BadInputException(
                    "unknown report format '" + name + "'; use one of " + ReportFormat.names()));
        }
        if (file == null) {
            throw new BadInputException("say which report format: --format " + String.join("|",
                    ReportFormat.names().split(", ")) + ", or --out FILE with one of those extensions");
        }
        return ReportFormat.ofFile(file).orElseThrow(() -> new BadInputException("cannot tell the report format of "
                + file + " from its extension; use .html, .md, .csv or .json, or --format"));
    }

    static Report build(Workbench bench, List<String> ids) {
        return bench.reports().build(ids);
    }

    /** Builds and writes the report of {@code ids}; an unknown run id is bad input naming it. */
    static void write(Workbench bench, List<String> ids, ReportFormat format, Path file) {
        Report report = build(bench, ids);
        try {
            ReportWriter.write(report, format, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report " + file + ": " + e.getMessage(), e);
        }
    }
}
