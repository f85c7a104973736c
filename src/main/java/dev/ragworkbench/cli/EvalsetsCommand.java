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

/**
 * {@code evalsets import|list|show|delete|export}: the workspace's eval sets, as the Import pane shows them. The
 * import options mirror a spec's {@code evalSet} keys ({@code queries}, {@code qrels}, {@code topics},
 * {@code path}).
 */
@Command(name = "evalsets", mixinStandardHelpOptions = true,
        description = "Import, list, show, delete or export the workspace's eval sets (golden sets: queries with"
                      + " judged documents or reference answers).",
        subcommands = {EvalsetsCommand.Import.class, EvalsetsCommand.ListSets.class, EvalsetsCommand.Show.class,
                EvalsetsCommand.Delete.class, EvalsetsCommand.Export.class})
final class EvalsetsCommand {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Read an eval set from its files into the workspace; a name that exists gets a new version.")
    static final class Import implements Runnable {
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

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the eval sets with their latest version.")
    static final class ListSets implements Runnable {
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
                    var array = JSON.createArrayNode();
                    summaries.forEach(s -> array.add(json(s)));
                    out.println(array.toPrettyString());
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
                out.print(Format.table(rows, 2, 4, 5, 6));
            }
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one eval set and its versions.")
    static final class Show implements Runnable {
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
                    ObjectNode node = json(s);
                    var array = node.putArray("history");
                    versions.forEach(v -> array.add(json(v)));
                    out.println(node.toPrettyString());
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
                    out.printf(Locale.ROOT, "    %d  %s  %s%s%s%n", v.version(), v.sha256(), Format.instant(v.createdAt()),
                            v.parent() == null ? "" : "  from " + v.parent(), v.note() == null ? "" : "  " + v.note());
                }
            }
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete an eval set with all its versions.")
    static final class Delete implements Runnable {
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

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write an eval set as BEIR (queries.jsonl, qrels/test.tsv) or TREC (topics.tsv, qrels.txt).")
    static final class Export implements Runnable {
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

    private static ObjectNode json(EvalSetStore.Summary s) {
        ObjectNode node = JSON.createObjectNode();
        node.put("name", s.name());
        node.put("format", s.format().id());
        node.put("corpus", s.corpus());
        node.put("source", s.source());
        node.put("version", s.latest().version());
        node.put("sha256", s.latest().sha256());
        node.put("versions", s.versions());
        node.put("queries", s.queries());
        node.put("judgments", s.judgments());
        node.put("judgedDocuments", s.judgedDocuments());
        node.put("answerSpans", s.answerSpans());
        node.put("references", s.references());
        node.put("createdAt", s.createdAt().toString());
        return node;
    }

    private static ObjectNode json(EvalSetStore.Version v) {
        ObjectNode node = JSON.createObjectNode();
        node.put("version", v.version());
        node.put("sha256", v.sha256());
        if (v.parent() == null) {
            node.putNull("parent");
        } else {
            node.put("parent", v.parent());
        }
        node.put("note", v.note());
        node.put("createdAt", v.createdAt().toString());
        return node;
    }
}
