package dev.ragworkbench.experiment.history;

import java.util.Objects;

/**
 * Where a history search went wrong and why: the span {@code [offset, offset + length)} of the query text that
 * could not be read (length at least 1; at the end of the text it marks the place just past it) and one plain
 * sentence. The search box underlines the span; the command line prints a caret line under the query.
 */
public record SearchError(int offset, int length, String reason) {

    public SearchError {
        Objects.requireNonNull(reason, "reason");
        if (offset < 0 || length < 1) {
            throw new IllegalArgumentException("a search error marks at least one character at a position >= 0");
        }
    }

    /** The query and, below it, carets under the offending part (the command line prints this). */
    public String caret(String query) {
        String line = query.replace('\n', ' ').replace('\t', ' ');
        return line + System.lineSeparator() + " ".repeat(offset) + "^".repeat(length);
    }

    /** The column, counted from 1 as editors do. */
    public int column() {
        return offset + 1;
    }
}
