package dev.ragworkbench.judging;

import dev.ragworkbench.retrieval.RetrieverSpec;

import java.util.Objects;

/**
 * One retriever over one index whose top k goes into a pool: a column of the Retrieval pane, given as data so the
 * pool does not depend on how the pane models its columns.
 */
public record PoolColumn(RetrieverSpec retriever, String index) {

    public PoolColumn {
        Objects.requireNonNull(retriever, "retriever");
        Objects.requireNonNull(index, "index");
    }

    /** {@code spec@index}, as the pool definition stores a column. */
    @Override
    public String toString() {
        return retriever + "@" + index;
    }

    /** Reads {@link #toString()}'s form back. */
    public static PoolColumn parse(String text) {
        int at = text.lastIndexOf('@');
        if (at <= 0 || at == text.length() - 1) {
            throw new IllegalArgumentException("a pool column is RETRIEVER@INDEX, e.g. bm25@scifact, not '" + text + "'");
        }
        return new PoolColumn(RetrieverSpec.parse(text.substring(0, at)), text.substring(at + 1));
    }
}
