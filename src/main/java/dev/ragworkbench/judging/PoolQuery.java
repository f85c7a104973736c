package dev.ragworkbench.judging;

import java.util.List;

/** One query of a pool and its documents in judging order (shuffled). */
public record PoolQuery(String id, String text, List<PoolItem> items) {

    public PoolQuery {
        items = List.copyOf(items);
    }
}
