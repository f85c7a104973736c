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

/** {@code evalsets import}: see {@link EvalsetsCommand}. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Read an eval set from its files into the workspace; a name that exists gets a new version.")
final class ImportEvalSet implements Runnable {
    @Mixin
    WorkspaceOptions options;
    @Spec
    CommandSpec spec;
    @Option(names = "--name", required = true, paramLabel = "NAME", description = "The set's name in the workspace.")
    String name;
    @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "beir, trec, squad or ragas.")
    String format;
    @Option(names = "--dir", paramLabel = "DIR", description = "beir: a folder with queries.jsonl and qrels/.")
    Path dir;
    @Option(names = "--split", paramLabel = "SPLIT", description = "beir with --dir: the qrels split (default: test).")
    String split;
    @Option(names = "--queries", paramLabel = "FILE", description = "beir: queries.jsonl.")
    Path queries;
    @Option(names = "--qrels", paramLabel = "FILE", description = "beir or trec: the judgments.")
    Path qrels;
    @Option(names = "--topics", paramLabel = "FILE", description = "trec: topics (id<TAB>text, or JSONL).")
    Path topics;
    @Option(names = "--path", paramLabel = "FILE", description = "squad or ragas: the file.")
    Path path;
    @Option(names = "--corpus", paramLabel = "NAME", description = "ragas: the corpus whose documents hold the contexts.")
    String corpus;

    @Override
    public void run() {
        EvalSetFormat f = EvalSetFormat.fromId(format);
        EvalSetFiles files = files(f);
        try (var bench = options.open()) {
            if (corpus != null && bench.documents().corpora().stream().noneMatch(c -> c.name().equals(corpus))) {
                throw new BadInputException("no corpus called " + corpus + " in this workspace; import its"
                        + " documents first");
            }
            EvalSet set = bench.evalSets().importFiles(name, files, corpus);
            var versions = bench.evalSets().versions(name);
            spec.commandLine().getOut().printf(Locale.ROOT, "Eval set %s (version %d, sha256 %s): %d queries,"
                    + " %d judgments.%n", set.name(), versions.getLast().version(),
                    versions.getLast().sha256().substring(0, 12), set.size(), set.qrels().judgmentCount());
        } catch (MalformedFileException | NoSuchFileException e) {
            throw new BadInputException(e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private EvalSetFiles files(EvalSetFormat f) {
        List<String> allowed = switch (f) {
            case BEIR -> dir != null ? List.of("--dir", "--split") : List.of("--queries", "--qrels");
            case TREC -> List.of("--topics", "--qrels");
            case SQUAD -> List.of("--path");
            case RAGAS -> List.of("--path", "--corpus");
            case JUDGED -> throw new BadInputException("judged sets are made in the workbench, not imported;"
                    + " use beir, trec, squad or ragas");
        };
        var given = new ArrayList<String>();
        if (dir != null) given.add("--dir");
        if (split != null) given.add("--split");
        if (queries != null) given.add("--queries");
        if (qrels != null) given.add("--qrels");
        if (topics != null) given.add("--topics");
        if (path != null) given.add("--path");
        if (corpus != null) given.add("--corpus");
        for (String option : given) {
            if (!allowed.contains(option)) {
                throw new BadInputException(option + " does not go with --format " + f + usage(f));
            }
        }
        try {
            return switch (f) {
                case BEIR -> dir != null ? EvalSetFiles.beir(existingDir(dir, "--dir"), split)
                        : new EvalSetFiles.Beir(existing(queries, "--queries", f), existing(qrels, "--qrels", f));
                case TREC -> new EvalSetFiles.Trec(existing(topics, "--topics", f), existing(qrels, "--qrels", f));
                case SQUAD -> new EvalSetFiles.Squad(existing(path, "--path", f));
                case RAGAS -> {
                    if (corpus == null) {
                        throw new BadInputException("a ragas set needs --corpus NAME: its relevant documents are"
                                + " the corpus's documents that hold a reference context");
                    }
                    yield new EvalSetFiles.Ragas(existing(path, "--path", f));
                }
                case JUDGED -> throw new IllegalStateException();
            };
        } catch (IOException e) {
            throw new BadInputException(e.getMessage(), e);
        }
    }

    private static Path existing(Path file, String option, EvalSetFormat f) {
        if (file == null) {
            throw new BadInputException("--format " + f + " needs " + option + usage(f));
        }
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(option + " " + file + (Files.isDirectory(file) ? " is a folder, not a file"
                    : " does not exist"));
        }
        return file;
    }

    private static Path existingDir(Path folder, String option) {
        if (!Files.isDirectory(folder)) {
            throw new BadInputException(option + " " + folder + " is not a folder");
        }
        return folder;
    }

    private static String usage(EvalSetFormat f) {
        return switch (f) {
            case BEIR -> "; give --dir DIR [--split test] or --queries FILE --qrels FILE";
            case TREC -> "; give --topics FILE --qrels FILE";
            case SQUAD -> "; give --path FILE";
            case RAGAS -> "; give --path FILE --corpus NAME";
            case JUDGED -> "";
        };
    }
}
