package dev.ragworkbench.index;

import java.nio.file.Path;
import java.time.Instant;

/** An index as listed: its settings and its size. */
public record IndexInfo(IndexSettings settings, Path path, Instant builtAt, int documents, int chunks,
                        long sizeBytes) {
    public String name() {
        return settings.name();
    }
}
