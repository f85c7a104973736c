package dev.ragworkbench.cli;

import dev.ragworkbench.judging.Judgments;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SequencedMap;

/**
 * {@code evalsets add-queries}: the twin of the pane's "add queries" box. A line of the file is a query (or
 * {@code id<TAB>text}); texts the set has already are left out. With {@code --new} the set is created, for a
 * corpus, as a pane's "new eval set" does.
 */
@Command(name = "add-queries", mixinStandardHelpOptions = true,
        description = "Add queries (one per line, or id<TAB>text) to an eval set as a new version, or create a set.")
final class AddQueries implements Runnable {
    @Mixin
    WorkspaceOptions options;
    @Spec
    CommandSpec spec;
    @Parameters(paramLabel = "NAME", description = "The eval set.")
    String name;
    @Option(names = "--from", paramLabel = "FILE", description = "The queries, one per line.")
    Path from;
    @Option(names = "--query", paramLabel = "TEXT", description = "A query (more than once for several).")
    java.util.List<String> typed;
    @Option(names = "--new", description = "Create the eval set (it must not exist).")
    boolean create;
    @Option(names = "--corpus", paramLabel = "NAME", description = "With --new: the corpus the set's documents are of.")
    String corpus;

    @Override
    public void run() {
        if (from == null && (typed == null || typed.isEmpty()) && !create) {
            throw new BadInputException("give the queries with --from FILE or --query TEXT");
        }
        if (corpus != null && !create) {
            throw new BadInputException("--corpus goes with --new");
        }
        StringBuilder text = new StringBuilder();
        if (from != null) {
            try {
                text.append(Files.readString(from, StandardCharsets.UTF_8)).append('\n');
            } catch (NoSuchFileException e) {
                throw new BadInputException("the queries file " + from + " does not exist");
            } catch (MalformedInputException e) {
                throw new BadInputException(from + " is not UTF-8 text");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (typed != null) {
            typed.forEach(t -> text.append(t.replaceAll("\\R", " ")).append('\n'));
        }
        try (var bench = options.open()) {
            if (corpus != null && bench.documents().corpora().stream().noneMatch(c -> c.name().equals(corpus))) {
                throw new BadInputException("no corpus called " + corpus + " in this workspace; import its"
                        + " documents first");
            }
            var judgments = new Judgments(bench.evalSets());
            var out = spec.commandLine().getOut();
            SequencedMap<String, String> added;
            try {
                if (create) {
                    added = judgments.create(name, corpus, text.toString()).queries();
                } else {
                    added = judgments.addQueries(name, text.toString());
                }
            } catch (IllegalArgumentException e) {
                throw new BadInputException((from != null && e.getMessage().startsWith("line ") ? from + ": " : "")
                        + e.getMessage(), e);
            }
            var latest = bench.evalSets().versions(name).getLast();
            out.printf(Locale.ROOT, "Eval set %s version %d (sha256 %s): %d quer%s added, %d in all.%n", name,
                    latest.version(), latest.sha256().substring(0, 12), added.size(), added.size() == 1 ? "y" : "ies",
                    bench.evalSets().get(name).size());
            added.forEach((id, q) -> out.println("  " + id + "\t" + q));
        }
    }
}
