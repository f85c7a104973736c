package dev.ragworkbench.experiment.history;

import java.util.Objects;

/**
 * A history search that cannot be read. An {@link IllegalArgumentException}: the command line exits 2 on it.
 * Its message names the column and the reason; {@link #error()} holds the span for marking it.
 */
public final class SearchSyntaxException extends IllegalArgumentException {

    private final transient String query;
    private final SearchError error;

    public SearchSyntaxException(String query, SearchError error) {
        super("cannot read the filter at column " + error.column() + ": " + error.reason());
        this.query = Objects.requireNonNull(query, "query");
        this.error = error;
    }

    public String query() {
        return query;
    }

    public SearchError error() {
        return error;
    }
}
