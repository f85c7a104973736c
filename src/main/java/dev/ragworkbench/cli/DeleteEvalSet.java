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

/** {@code evalsets delete}: see {@link EvalsetsCommand}. */
@Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete an eval set with all its versions.")
final class DeleteEvalSet implements Runnable {
    @Mixin
    WorkspaceOptions options;
    @Spec
    CommandSpec spec;
    @Parameters(paramLabel = "NAME", description = "The eval set.")
    String name;

    @Override
    public void run() {
        try (var bench = options.open()) {
            bench.evalSets().delete(name);
            spec.commandLine().getOut().println("Deleted eval set " + name + ".");
        }
    }
}
