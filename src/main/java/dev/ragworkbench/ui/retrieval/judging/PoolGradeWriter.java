package dev.ragworkbench.ui.retrieval.judging;

import dev.ragworkbench.judging.Judgments;
import dev.ragworkbench.judging.PoolSession;
import dev.ragworkbench.ui.tasks.TaskRequest;
import dev.ragworkbench.ui.tasks.TaskRunner;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Writes a pool session's unsaved grades ({@link PoolSession#takeUnsaved()}) as one new version of its eval set per
 * batch, off the FX thread and one write at a time: each write reads the latest version, so two at once would lose
 * one. Grades given while a write runs go with the next. A failed batch goes back to the session, before the grades
 * given since, and is tried once more at once, then with the next save. Writes are essential tasks: closing the
 * window or the workspace waits for them. Used on the FX thread only.
 */
final class PoolGradeWriter {

    private final Judgments judgments;
    private final TaskRunner runner;
    private final Consumer<String> status;
    private final Supplier<PoolSession> open;
    private final List<Runnable> afterSaving = new ArrayList<>();
    private boolean saving;
    private boolean saveAgain;

    /** @param open the session open now: a session left while its write ran is saved to its end all the same */
    PoolGradeWriter(Judgments judgments, TaskRunner runner, Consumer<String> status, Supplier<PoolSession> open) {
        this.judgments = judgments;
        this.runner = runner;
        this.status = status;
        this.open = open;
    }

    /** Writes what {@code session} has not saved into {@code set} (nothing when it has none, or no session). */
    void save(PoolSession session, String set) {
        if (session == null) {
            runAfterSaving();
        } else {
            save(session, set, false);
        }
    }

    /** Runs {@code action} once no grade waits to be written (at once when none does). */
    void afterSaving(Runnable action) {
        afterSaving.add(action);
        if (!saving) {
            runAfterSaving();
        }
    }

    /** @param failedBefore a retry after a failed write: not tried again at once if it fails again */
    private void save(PoolSession of, String set, boolean failedBefore) {
        if (of.unsaved().isEmpty()) {
            runAfterSaving();
            return;
        }
        if (saving) {
            saveAgain = true; // the write running saves again when it ends
            return;
        }
        var batch = of.takeUnsaved();
        saving = true;
        boolean[] failed = {false};
        runner.run(TaskRequest.of("Saving grades in " + set, (p, c) -> {
                    var written = judgments.judge(set, batch);
                    return set + " version " + judgments.store().versions(set).getLast().version() + ": "
                           + written.qrels().judgmentCount() + " judgments";
                })
                .unlisted().essential()
                .onSuccess(status::accept)
                .onFailure(e -> {
                    failed[0] = true;
                    of.unsavedAgain(batch);
                    status.accept("not saved: " + e.getMessage());
                })
                .onFinished(() -> {
                    saving = false;
                    // asked for while this write ran, due by now, or of a pool left meanwhile: write the rest
                    boolean more = saveAgain || of != open.get() || of.saveDue();
                    saveAgain = false;
                    if (more && !(failed[0] && failedBefore)) {
                        save(of, set, failed[0]);
                    } else {
                        runAfterSaving();
                    }
                }));
    }

    private void runAfterSaving() {
        if (!saving) {
            var actions = List.copyOf(afterSaving);
            afterSaving.clear();
            actions.forEach(Runnable::run);
        }
    }
}
