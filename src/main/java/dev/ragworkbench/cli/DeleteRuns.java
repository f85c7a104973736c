package dev.ragworkbench.cli;

import dev.ragworkbench.experiment.store.NoSuchRunException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.List;

/** {@code runs delete RUN_ID…}: removes runs with everything recorded about them, and their artifacts. */
@Command(name = "delete", mixinStandardHelpOptions = true,
        description = "Delete runs with their metrics, per-query results and artifacts (no undo).")
final class DeleteRuns implements Runnable {
    @Mixin
    WorkspaceOptions options;
    @Parameters(paramLabel = "RUN_ID", arity = "1..*", description = "The runs to delete.")
    List<String> ids;
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        try (var bench = options.open()) {
            var store = bench.runs();
            // all ids checked first: a typo in the last one deletes nothing
            for (String id : ids) {
                if (store.find(id).isEmpty()) {
                    throw new NoSuchRunException(id);
                }
            }
            for (String id : ids) {
                store.delete(id);
                spec.commandLine().getOut().println("deleted " + id);
            }
        }
    }
}
