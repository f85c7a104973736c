package dev.ragworkbench.ui.retrieval.judging;

import dev.ragworkbench.evaluation.EvalSet;
import dev.ragworkbench.evaluation.EvalSetStore;
import dev.ragworkbench.judging.Judgment;
import dev.ragworkbench.judging.Judgments;
import dev.ragworkbench.ui.tasks.TaskRequest;
import dev.ragworkbench.ui.tasks.TaskRunner;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Writes grades off the FX thread, one write at a time: each write reads the set's latest version and adds a new
 * one, so two at once would lose one of them. Grades given while a write runs are sent together in the next one
 * (one version for the lot). Used on the FX thread only.
 */
final class JudgmentWriter {

    /** A write done: the set as written and its latest version. */
    record Written(EvalSet set, EvalSetStore.Version version) {
    }

    private final Judgments judgments;
    private final TaskRunner runner;
    private final List<Judgment> pending = new ArrayList<>();
    private final Map<String, String> texts = new HashMap<>();
    private String pendingSet;
    private boolean writing;

    JudgmentWriter(Judgments judgments, TaskRunner runner) {
        this.judgments = judgments;
        this.runner = runner;
    }

    /**
     * Queues {@code judgment} for {@code set} ({@code queryText} adds its query when the set lacks it); calls
     * {@code written} with the set as written, or {@code failed} with the error, on the FX thread.
     */
    void write(String set, Judgment judgment, String queryText, Consumer<Written> written,
               Consumer<Throwable> failed) {
        if (pendingSet != null && !pendingSet.equals(set)) {
            flush(written, failed); // another set: what is queued goes first, on its own
        }
        pendingSet = set;
        pending.add(judgment);
        if (queryText != null && !queryText.isBlank()) {
            texts.put(judgment.queryId(), queryText);
        }
        if (!writing) {
            flush(written, failed);
        }
    }

    boolean writing() {
        return writing;
    }

    private void flush(Consumer<Written> written, Consumer<Throwable> failed) {
        if (pending.isEmpty()) {
            return;
        }
        String set = pendingSet;
        var batch = List.copyOf(pending);
        var batchTexts = Map.copyOf(texts);
        pending.clear();
        texts.clear();
        pendingSet = null;
        writing = true;
        runner.run(TaskRequest.of("Grading in " + set, (progress, cancel) -> {
                    EvalSet graded = judgments.grade(set, batchTexts, batch);
                    return new Written(graded, judgments.store().versions(set).getLast());
                })
                .unlisted()
                .onSuccess(written)
                .onFailure(failed)
                .onFinished(() -> {
                    writing = false;
                    flush(written, failed);
                }));
    }
}
