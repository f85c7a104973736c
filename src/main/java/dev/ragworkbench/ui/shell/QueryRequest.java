package dev.ragworkbench.ui.shell;

import java.util.Objects;

/**
 * Opens a query in the Retrieval pane: {@code query} against index {@code index} (null: the pane's current or
 * latest index), with the retriever spec {@code retriever} (null: the pane's current one), e.g. from a query of
 * an eval set or a query that flipped in a comparison.
 */
public record QueryRequest(String index, String query, String retriever) implements PageRequest {

    public QueryRequest {
        Objects.requireNonNull(query, "query");
    }

    public QueryRequest(String index, String query) {
        this(index, query, null);
    }
}
