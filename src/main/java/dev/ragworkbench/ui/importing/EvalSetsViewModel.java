package dev.ragworkbench.ui.importing;

import dev.ragworkbench.evaluation.EvalSet;
import dev.ragworkbench.format.Formats;
import dev.ragworkbench.ui.tasks.TaskHandle;
import dev.ragworkbench.ui.tasks.TaskRequest;
import dev.ragworkbench.ui.tasks.TaskRunner;
import dev.ragworkbench.ui.workspace.WorkspaceSession;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The Import pane's eval sets: imports in the four formats and removal, each in the background, reporting to the
 * pane's status line. The workspace session holds the list every pane shares.
 */
public final class EvalSetsViewModel {

    private final WorkspaceSession session;
    private final TaskRunner runner;
    private final Consumer<String> status;
    private final Supplier<String> selectedCorpus;
    private final List<TaskHandle> tasks = new ArrayList<>();

    EvalSetsViewModel(WorkspaceSession session, TaskRunner runner, Consumer<String> status,
                      Supplier<String> selectedCorpus) {
        this.session = session;
        this.runner = runner;
        this.status = status;
        this.selectedCorpus = selectedCorpus;
    }

    public ObservableList<EvalSet> sets() {
        return session.goldenSets();
    }

    public void importSquad(Path file) {
        importSet(file, () -> session.goldenSetStore().importSquad(file));
    }

    public void importBeir(Path dir) {
        importSet(dir, () -> session.goldenSetStore().importBeir(dir));
    }

    public void importTrec(Path topics, Path qrels) {
        importSet(topics, () -> session.goldenSetStore().importTrec(topics, qrels));
    }

    /**
     * Imports a Ragas-style set against the selected corpus: its questions name no documents, so the documents
     * that contain their reference contexts are the relevant ones.
     */
    public void importRagas(Path file) {
        String against = selectedCorpus.get();
        if (against == null) {
            status.accept("Import documents first: a Ragas set is matched against the selected corpus's documents.");
            return;
        }
        importSet(file, () -> session.goldenSetStore().importRagas(file, against));
    }

    public void delete(EvalSet set) {
        track(runner.run(TaskRequest.of("Removing eval set " + set.name(), (p, c) -> {
            session.goldenSetStore().delete(set.name());
            return set;
        }).onSuccess(s -> session.goldenSets().remove(s))));
    }

    void dispose() {
        tasks.forEach(TaskHandle::cancel);
    }

    private interface Reading {
        EvalSet call() throws Exception;
    }

    private void importSet(Path source, Reading work) {
        track(runner.run(TaskRequest.of("Importing eval set " + source.getFileName(), (p, c) -> work.call())
                .onSuccess(set -> {
                    session.goldenSets().add(set);
                    status.accept("Eval set " + set.name() + ": " + Formats.counted(set.size(), "query") + ".");
                })));
    }

    private void track(TaskHandle handle) {
        tasks.removeIf(TaskHandle::isDone);
        if (!handle.isDone()) {
            tasks.add(handle);
        }
    }
}
