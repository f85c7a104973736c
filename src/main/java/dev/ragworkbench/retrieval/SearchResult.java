package dev.ragworkbench.retrieval;

import java.util.List;
import java.util.Objects;

/**
 * What a search found and how long each stage took.
 *
 * @param hits    best first, ranks 1..n
 * @param timings per stage and in total
 */
public record SearchResult(List<Hit> hits, SearchTimings timings) {

    public SearchResult {
        hits = List.copyOf(hits);
        Objects.requireNonNull(timings, "timings");
    }
}
