package dev.ragworkbench.ingest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** How a corpus path is read: one BEIR {@code corpus.jsonl}, or a file / folder of documents. */
public enum ImportFormat {
    /** {@code .jsonl} file → {@link #BEIR}; anything else → {@link #FILES}. */
    AUTO,
    BEIR,
    FILES;

    /** The name stored in {@code corpus.format} and used on the command line. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code auto}, {@code beir} or {@code files} (any case). */
    public static ImportFormat fromId(String value) {
        for (ImportFormat f : values()) {
            if (f.id().equalsIgnoreCase(value.strip())) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown import format '" + value + "' (expected auto, beir or files)");
    }

    /** The concrete format for {@code path}; never {@link #AUTO}. */
    public ImportFormat resolve(Path path) {
        if (this != AUTO) {
            return this;
        }
        boolean jsonl = Files.isRegularFile(path)
                && path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jsonl");
        return jsonl ? BEIR : FILES;
    }
}
