package dev.ragworkbench.ui.retrieval;

import dev.ragworkbench.experiment.FineTuning;
import dev.ragworkbench.ui.tasks.TaskRequest;
import dev.ragworkbench.ui.tasks.TaskRunner;
import dev.ragworkbench.ui.workspace.WorkspaceSession;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The workspace's finished adapter runs, newest first: what the columns' adapter choices list. */
public final class AdapterRuns {

    private final WorkspaceSession session;
    private final TaskRunner runner;
    private final ObservableList<FineTuning.AdapterSummary> list = FXCollections.observableArrayList();

    AdapterRuns(WorkspaceSession session, TaskRunner runner) {
        this.session = session;
        this.runner = runner;
    }

    /** Reads them again (off the FX thread): one may have been trained in the Models pane since. */
    public void reload() {
        runner.run(TaskRequest.of("Listing adapters", (p, c) -> session.workbench().fineTuning().adapters(null))
                .unlisted().onSuccess(list::setAll));
    }

    public ObservableList<FineTuning.AdapterSummary> list() {
        return list;
    }
}
