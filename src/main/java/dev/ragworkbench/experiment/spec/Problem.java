package dev.ragworkbench.experiment.spec;

import java.util.Objects;

/**
 * One thing wrong with a spec file, at the node that is wrong.
 *
 * @param line    1-based line of the offending node
 * @param column  1-based column of the offending node
 * @param message what is wrong, in words a user can act on
 */
public record Problem(int line, int column, String message) implements Comparable<Problem> {

    public Problem {
        Objects.requireNonNull(message, "message");
    }

    /** {@code file:LINE:COLUMN: message}, the form compilers use so editors and terminals can jump to it. */
    public String format(String file) {
        return file + ":" + line + ":" + column + ": " + message;
    }

    /** File order, so a report reads top to bottom whatever order the checks ran in. */
    @Override
    public int compareTo(Problem other) {
        int byLine = Integer.compare(line, other.line);
        return byLine != 0 ? byLine : Integer.compare(column, other.column);
    }
}
