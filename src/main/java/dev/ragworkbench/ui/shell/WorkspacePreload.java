package dev.ragworkbench.ui.shell;

import dev.ragworkbench.ui.workspace.WorkspaceSession;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Opens the start-up workspace (H2 and its schema check; the golden sets are read after the first frame) on a thread
 * of its own while the JavaFX toolkit starts, instead of on the FX thread after it: on a 2-core machine that took
 * 1.5 to 3.5 s of the window's start. {@link AppShell} takes the session when it opens that same folder.
 */
final class WorkspacePreload {

    private static Path dir;
    private static CompletableFuture<WorkspaceSession> future;

    private WorkspacePreload() {
    }

    /** Starts opening {@code workspace} in the background. */
    static synchronized void begin(Path workspace) {
        var f = new CompletableFuture<WorkspaceSession>();
        var t = new Thread(() -> {
            try {
                f.complete(WorkspaceSession.openWithoutGoldenSets(workspace));
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        }, "workspace-preload");
        t.setDaemon(true);
        t.start();
        dir = workspace;
        future = f;
    }

    /**
     * The session for {@code workspace} when {@link #begin} opened it (waiting for it to finish), else null; hands
     * it out once. A session opened for another folder is closed.
     */
    static synchronized WorkspaceSession take(Path workspace) {
        var f = future;
        if (f == null) {
            return null;
        }
        future = null;
        if (!workspace.equals(dir)) {
            f.thenAccept(WorkspaceSession::close);
            return null;
        }
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }
}
