package dev.ragworkbench.experiment.history;

import dev.ragworkbench.experiment.store.Baseline;
import dev.ragworkbench.experiment.store.Run;
import dev.ragworkbench.experiment.store.RunStore;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The run marked as an experiment's baseline: the one every other run of it shows deltas to in the history, and
 * that {@code run SPEC --baseline marked} gates against. Stored as the named {@link Baseline}
 * {@code experiment:<name>}, so the store's one baseline table serves both named baselines ({@code main}) and
 * these, and deleting the run unmarks it.
 */
public final class ExperimentBaselines {

    /** The prefix of the baseline names this class keeps. */
    public static final String PREFIX = "experiment:";

    private final RunStore store;

    public ExperimentBaselines(RunStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    public static String baselineName(String experiment) {
        return PREFIX + experiment;
    }

    /** Marks {@code runId} as its experiment's baseline, replacing the one marked before. */
    public Baseline mark(String runId) {
        Run run = store.run(runId);
        if (run.experiment() == null) {
            throw new IllegalArgumentException("run " + runId + " belongs to no experiment, and a marked baseline is"
                    + " an experiment's; name it instead");
        }
        return store.baselines().set(baselineName(run.experiment()), runId, "marked in the history");
    }

    /** Unmarks the experiment's baseline (the run stays); false when it had none. */
    public boolean unmark(String experiment) {
        return store.baselines().delete(baselineName(experiment));
    }

    /** The run marked as {@code experiment}'s baseline, if any. */
    public Optional<Run> of(String experiment) {
        return store.baselines().get(baselineName(experiment)).flatMap(b -> store.find(b.runId()));
    }

    /** Every marked baseline: experiment name → run id. */
    public Map<String, String> all() {
        var out = new LinkedHashMap<String, String>();
        for (Baseline b : store.baselines().list()) {
            if (b.name().startsWith(PREFIX)) {
                out.put(b.name().substring(PREFIX.length()), b.runId());
            }
        }
        return out;
    }
}
