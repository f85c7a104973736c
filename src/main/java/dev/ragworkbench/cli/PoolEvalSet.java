package dev.ragworkbench.cli;

import dev.ragworkbench.evaluation.EvalSet;
import dev.ragworkbench.judging.Judgments;
import dev.ragworkbench.judging.PoolColumn;
import dev.ragworkbench.judging.PoolDefinition;
import dev.ragworkbench.judging.PoolFile;
import dev.ragworkbench.judging.PoolSessions;
import dev.ragworkbench.progress.Cancellation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code evalsets pool}: the command-line twin of the Retrieval pane's blind pooled judging. It pools the top k
 * documents of each retriever for the set's queries through the same core call ({@link PoolSessions#start}, which
 * also remembers the pool, so the pane's "resume" opens the same one), and writes them to a file to grade
 * ({@link PoolFile}); {@code evalsets judge NAME --from FILE} records the grades.
 */
@Command(name = "pool", mixinStandardHelpOptions = true,
        description = "Pool the top documents of several retrievers for an eval set's queries, shuffled and without"
                      + " the retrievers' names, into a TSV to grade; record the grades with evalsets judge --from.")
final class PoolEvalSet implements Runnable {
    @Mixin
    WorkspaceOptions options;
    @Spec
    CommandSpec spec;
    @Parameters(paramLabel = "NAME", description = "The eval set to judge into.")
    String name;
    @Option(names = "--column", required = true, paramLabel = "RETRIEVER@INDEX",
            description = "A retriever over an index whose top documents are pooled, e.g. bm25@scifact or"
                          + " dense@scifact-minilm (more than once).")
    List<String> columns;
    @Option(names = "--depth", defaultValue = "10", paramLabel = "K",
            description = "Documents pooled from each retriever per query (default ${DEFAULT-VALUE}).")
    int depth;
    @Option(names = "--sample", defaultValue = "0", paramLabel = "N",
            description = "Pool a random sample of N queries (default: every query).")
    int sample;
    @Option(names = "--seed", defaultValue = "42", paramLabel = "S",
            description = "Seed of the sample and of the shuffle (default ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The TSV to write.")
    Path out;

    @Override
    public void run() {
        var cols = new ArrayList<PoolColumn>();
        for (String c : columns) {
            try {
                cols.add(PoolColumn.parse(c));
            } catch (IllegalArgumentException e) {
                throw new BadInputException("--column " + c + ": " + e.getMessage(), e);
            }
        }
        if (sample < 0) {
            throw new BadInputException("--sample must be 0 (every query) or more, not " + sample);
        }
        try (var bench = options.open()) {
            for (PoolColumn c : cols) {
                if (!bench.indexes().exists(c.index())) {
                    throw new BadInputException("--column " + c + ": no index called " + c.index()
                            + " in this workspace (indexes list shows them)");
                }
            }
            var judgments = new Judgments(bench.evalSets());
            var sessions = new PoolSessions(judgments, bench.uiState(), bench);
            List<String> ids = judgments.poolQueries(name, null, sample, seed);
            var progress = new TerminalProgress(spec.commandLine().getErr());
            var session = sessions.start(new PoolDefinition(name, ids, cols, depth, seed), progress, Cancellation.none());
            progress.closeLine();
            EvalSet set = bench.evalSets().get(name);
            try {
                PoolFile.write(session.pool(), set.qrels(), out);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
            }
            var items = session.pool().items();
            long graded = items.stream().filter(i -> set.qrels().judgments(i.queryId()).containsKey(i.documentId()))
                    .count();
            spec.commandLine().getOut().printf(Locale.ROOT,
                    "Pooled %d documents for %d quer%s of eval set %s (%d already graded) into %s.%n"
                    + "Fill in the grade column (0 not relevant, 1 relevant, 2 highly relevant), then:"
                    + " rag-workbench evalsets judge %s --from %s%n",
                    items.size(), ids.size(), ids.size() == 1 ? "y" : "ies", name, graded, out, name, out);
        }
    }
}
