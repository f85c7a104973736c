package dev.ragworkbench.evaluation;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An evaluation input file (qrels, topics, run) that cannot be read as its format says. Readers read a file
 * whole or not at all, so when this is thrown nothing from the file was kept.
 */
public final class MalformedFileException extends IOException {

    private final transient Path file;
    private final long line;

    /**
     * @param file    the file being read
     * @param line    1-based line number, or 0 when the problem is not on one line (e.g. a missing file part)
     * @param problem what is wrong, in words a user can act on
     */
    public MalformedFileException(Path file, long line, String problem) {
        super(file + (line > 0 ? ":" + line : "") + ": " + problem);
        this.file = file;
        this.line = line;
    }

    public Path file() {
        return file;
    }

    /** 1-based line number, or 0 when the problem is not tied to one line. */
    public long line() {
        return line;
    }
}
