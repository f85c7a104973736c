package dev.ragworkbench.judging;

import dev.ragworkbench.evaluation.EvalSet;
import dev.ragworkbench.experiment.ExperimentResources;
import dev.ragworkbench.progress.Cancellation;
import dev.ragworkbench.progress.ProgressListener;
import dev.ragworkbench.workspace.UiStateStore;

import java.util.Optional;

/**
 * Starts and resumes pooled judging. A started pool's definition is kept in the workspace (UI state, scope
 * {@value #SCOPE}, keyed by the eval set), and its grades are the set's judgments, so a session closed, or lost
 * with the window, is resumed from the store alone: the same pool is built again and its first ungraded document
 * is shown.
 */
public final class PoolSessions {

    static final String SCOPE = "judging.pool";

    private final Judgments judgments;
    private final UiStateStore state;
    private final ExperimentResources resources;

    public PoolSessions(Judgments judgments, UiStateStore state, ExperimentResources resources) {
        this.judgments = judgments;
        this.state = state;
        this.resources = resources;
    }

    public Judgments judgments() {
        return judgments;
    }

    /** Builds the pool of {@code definition}, remembers it for its eval set, and opens a session on it. */
    public PoolSession start(PoolDefinition definition, ProgressListener progress, Cancellation cancel) {
        EvalSet set = judgments.store().get(definition.evalSet());
        Pool pool = Pool.build(definition, set, resources, progress, cancel);
        state.put(SCOPE, definition.evalSet(), definition.toJson());
        return new PoolSession(pool, set.qrels());
    }

    /** The pool last started on {@code evalSet}, if any. */
    public Optional<PoolDefinition> saved(String evalSet) {
        return state.get(SCOPE, evalSet).map(PoolDefinition::fromJson);
    }

    /** Opens the pool last started on {@code evalSet} again, with the grades the set holds now. */
    public Optional<PoolSession> resume(String evalSet, ProgressListener progress, Cancellation cancel) {
        var definition = saved(evalSet);
        if (definition.isEmpty()) {
            return Optional.empty();
        }
        EvalSet set = judgments.store().get(evalSet);
        return Optional.of(new PoolSession(Pool.build(definition.get(), set, resources, progress, cancel),
                set.qrels()));
    }

    /** Writes one grade of a pooled document into its set (a new version) and returns the set as graded. */
    public EvalSet grade(String evalSet, Judgment judgment) {
        return judgments.judge(evalSet, java.util.List.of(judgment));
    }
}
