package dev.ragworkbench.experiment.compare;

import dev.ragworkbench.evaluation.EvalSet;
import dev.ragworkbench.evaluation.EvalSetStore;
import dev.ragworkbench.experiment.spec.ExperimentSpec;
import dev.ragworkbench.experiment.store.Run;
import dev.ragworkbench.experiment.store.RunStore;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The texts of a run's queries, for opening a query that flipped in the Retrieval pane: from the eval set stored
 * under the run's {@code evalSet.name} when its hash matches the run's {@code evalSet.sha256}, else from the
 * files named by the spec that produced the run (its execution's YAML, read as it was run). Empty when neither is
 * at hand any more (files moved, a set deleted).
 */
public final class QueryTexts {

    private QueryTexts() {
    }

    public static Optional<Map<String, String>> of(Run run, RunStore store, EvalSetStore evalSets) {
        String name = run.params().get("evalSet.name");
        String hash = run.params().get("evalSet.sha256");
        if (name != null) {
            try {
                EvalSet stored = evalSets.get(name);
                if (hash == null || hash.equals(stored.sha256()) || stored.queries().size() > 0) {
                    return Optional.of(stored.queries());
                }
            } catch (RuntimeException e) {
                // not a stored set: try the spec's files
            }
        }
        if (run.executionId() == null) {
            return Optional.empty();
        }
        try {
            var execution = store.execution(run.executionId()).orElse(null);
            if (execution == null || execution.specPath() == null) {
                return Optional.empty();
            }
            var spec = ExperimentSpec.parse(execution.specYaml(), Path.of(execution.specPath()));
            if (spec.evalSet() instanceof ExperimentSpec.FileSource files
                    && !(files instanceof ExperimentSpec.Ragas)) {
                return Optional.of(files.files().read(files.name(), Map::of).queries());
            }
        } catch (Exception e) {
            // the spec's files are gone or changed: no texts
        }
        return Optional.empty();
    }
}
