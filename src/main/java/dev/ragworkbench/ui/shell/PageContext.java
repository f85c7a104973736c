package dev.ragworkbench.ui.shell;

import dev.ragworkbench.ui.tasks.TaskRunner;
import dev.ragworkbench.ui.workspace.WorkspaceSession;

/**
 * What the shell gives a page it builds: the open workspace, the runner its core calls go through, and the
 * navigator through which it opens another pane without importing it.
 *
 * @param section   the section the page is built for
 * @param session   the open workspace (its {@code Workbench} is the one composition root)
 * @param runner    runs core calls off the FX thread, listed in the status bar
 * @param navigator opens another section's page with a request
 */
public record PageContext(Section section, WorkspaceSession session, TaskRunner runner, Navigator navigator) {
}
