package dev.ragworkbench.cli;

import dev.ragworkbench.experiment.history.ExperimentBaselines;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code runs baseline RUN_ID}: marks the run as its experiment's baseline. */
@Command(name = "baseline", mixinStandardHelpOptions = true,
        description = "Mark a run as its experiment's baseline: the history shows deltas to it, and"
                + " 'run SPEC --baseline marked' gates against it.")
final class MarkBaseline implements Runnable {
    @Mixin
    WorkspaceOptions options;
    @Parameters(paramLabel = "RUN_ID")
    String id;
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        try (var bench = options.open()) {
            var store = bench.runs();
            String experiment = store.run(id).experiment();
            new ExperimentBaselines(store).mark(id);
            spec.commandLine().getOut().println(id + " is now the baseline of experiment " + experiment);
        }
    }
}
