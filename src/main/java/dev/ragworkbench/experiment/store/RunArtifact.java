package dev.ragworkbench.experiment.store;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A file kept with a run under {@code artifacts/<run id>/}.
 *
 * @param name      the file's name, unique within the run
 * @param path      where it is, relative to the workspace root and '/'-separated, so a moved workspace still works
 * @param kind      what it is: {@code trec-run}, {@code per-query-json}, ...
 * @param sizeBytes its size when it was added
 */
public record RunArtifact(String name, String path, String kind, long sizeBytes, Instant createdAt) {

    /** The file in the workspace at {@code workspaceRoot}. */
    public Path file(Path workspaceRoot) {
        return workspaceRoot.resolve(path);
    }
}
