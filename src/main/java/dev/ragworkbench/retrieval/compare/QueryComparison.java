package dev.ragworkbench.retrieval.compare;

import java.util.List;

/** One query through every column, the first column being the one the others move against. */
public record QueryComparison(String query, List<ColumnResult> columns) {

    public QueryComparison {
        columns = List.copyOf(columns);
    }
}
