package dev.ragworkbench.ui.retrieval;

import dev.ragworkbench.retrieval.compare.Column;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The remembered columns keep a column's adapter, and read what a build before adapters wrote. */
class ColumnsStateTest {

    @Test
    void aColumnsAdapterIsRememberedAndAnOlderBuildsColumnsStillRead() {
        var base = Column.of("sci", "dense");
        var tuned = base.withAdapter("r-20261202-074315-4d0c");
        var read = ColumnsState.read(ColumnsState.write(List.of(base, tuned))).orElseThrow();
        assertThat(read).containsExactly(base, tuned);
        assertThat(read.get(1).adapter()).isEqualTo("r-20261202-074315-4d0c");

        var older = ColumnsState.read("[{\"index\": \"sci\", \"retriever\": \"bm25\", \"top\": 10}]").orElseThrow();
        assertThat(older).singleElement().satisfies(c -> assertThat(c.adapter()).isNull());

        // an adapter on a retriever without vectors is not a column: it is left out, the others kept
        var mixed = ColumnsState.read("[{\"retriever\": \"bm25\", \"top\": 10, \"adapter\": \"r-1\"},"
                + " {\"retriever\": \"dense\", \"top\": 5, \"adapter\": \"r-1\"}]").orElseThrow();
        assertThat(mixed).singleElement().satisfies(c -> assertThat(c.retriever().kind().id()).isEqualTo("dense"));
    }
}
