package dev.ragworkbench.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ragworkbench.experiment.history.HistorySearch;
import dev.ragworkbench.experiment.history.SearchSyntaxException;
import dev.ragworkbench.experiment.store.HistoryQuery;
import dev.ragworkbench.experiment.store.RunField;
import dev.ragworkbench.experiment.store.RunFilter;
import dev.ragworkbench.experiment.store.RunJson;
import dev.ragworkbench.experiment.store.RunPage;
import dev.ragworkbench.experiment.store.RunSort;
import dev.ragworkbench.experiment.store.RunStatus;
import dev.ragworkbench.report.JsonOutput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code runs list}: the experiment history, through the same search as the Experiments pane: a filter in the
 * history's search language, a sort and a page.
 */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List runs, newest first (or as sorted).")
final class ListRuns implements Runnable {
    @Mixin
    WorkspaceOptions options;
    @Option(names = "--filter", paramLabel = "EXPR", description = "Only runs matching EXPR, e.g. \"metrics.ndcg@10 >"
            + " 0.65 and (params.retrieval.kind = 'hybrid-rrf' or tags.dataset = 'scifact')\".")
    String filter;
    @Option(names = "--status", paramLabel = "S", description = "running, finished, failed or cancelled.")
    String status;
    @Option(names = "--search", paramLabel = "TEXT",
            description = "Only runs whose id, name, experiment, or a param or tag, contains TEXT.")
    String search;
    @Option(names = "--sort", paramLabel = "KEY[:desc]", defaultValue = "start:desc",
            description = "Order by a key of the filter language (default ${DEFAULT-VALUE}).")
    String sort;
    @Option(names = "--offset", paramLabel = "N", defaultValue = "0", description = "Skip the first N (default 0).")
    int offset;
    @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "At most N (default 50; 0 for all).")
    int limit;
    @Option(names = "--json", description = "Print {\"runs\":[…],\"total\",\"offset\"}, each run as 'run --json' prints it.")
    boolean json;
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        var err = spec.commandLine().getErr();
        var parts = new ArrayList<RunFilter>();
        parts.add(parsed(filter, err, HistorySearch::parse, "--filter"));
        if (status != null) {
            parts.add(new RunFilter.Condition(RunField.attribute(RunField.Attribute.STATUS), RunFilter.Op.EQ,
                    RunStatus.fromId(status).id()));
        }
        parts.add(RunFilter.text(search));
        RunSort order = parsed(sort, err, HistorySearch::sort, "--sort");
        if (offset < 0 || limit < 0) {
            throw new BadInputException("--offset and --limit take 0 or more, not " + Math.min(offset, limit));
        }
        try (var bench = options.open()) {
            RunPage page = bench.runs().search(new HistoryQuery(new RunFilter.And(parts), List.of(order), offset, limit));
            var out = spec.commandLine().getOut();
            if (json) {
                var root = new ObjectMapper().createObjectNode();
                var array = root.putArray("runs");
                page.runs().forEach(r -> array.add(RunJson.toJson(r)));
                root.put("total", page.total());
                root.put("offset", page.offset());
                out.println(JsonOutput.write(root));
                return;
            }
            if (page.total() == 0) {
                boolean filtered = filter != null || status != null || search != null;
                out.println(filtered ? "No run matches." : "No runs yet; run an experiment with 'run SPEC.yaml'.");
                return;
            }
            out.print(RunsCommand.metricsTable(page.runs(), List.of()));
            if (page.hasMore() || offset > 0) {
                out.printf(Locale.ROOT, "%,d–%,d of %,d runs%s%n", Math.min(offset + 1, page.total()),
                        offset + page.runs().size(), page.total(),
                        page.hasMore() ? "; --offset " + (offset + page.runs().size()) + " for more" : "");
            }
        }
    }

    /**
     * Reads an option in the search language; a bad one prints the text with carets under the offending part,
     * then fails as bad input (exit 2) with the reason.
     */
    static <T> T parsed(String text, PrintWriter err, java.util.function.Function<String, T> reader, String option) {
        try {
            return reader.apply(text);
        } catch (SearchSyntaxException e) {
            for (String line : e.error().caret(e.query()).split("\\R")) {
                err.println("  " + line);
            }
            throw new BadInputException(option + " " + e.getMessage(), e);
        }
    }
}
