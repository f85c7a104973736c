package dev.ragworkbench.retrieval.compare;

import dev.ragworkbench.retrieval.SearchTimings;

import java.util.List;

/**
 * What one column found for a query.
 *
 * @param index   the index actually searched (the resolved name when the column named none)
 * @param hits    best first, ranks 1..
 * @param timings per stage and in total, added over the searches it took to fill the top N with documents
 * @param terms   the query's analysed terms under that index's analyser
 * @param query   the query searched
 */
public record ColumnResult(Column column, String index, List<ColumnHit> hits, SearchTimings timings,
                           List<String> terms, String query) {

    public ColumnResult {
        hits = List.copyOf(hits);
        terms = List.copyOf(terms);
    }
}
