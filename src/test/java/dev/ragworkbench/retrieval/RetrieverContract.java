package dev.ragworkbench.retrieval;

import dev.ragworkbench.embedding.Embedder;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * What every {@link Retriever} promises, so the comparison panes can swap one for another (as LangChain4j's
 * {@code EmbeddingStoreIT} keeps its stores interchangeable). A retriever's test extends this and says how to
 * make it; {@link RetrieverContractTest} runs it for every kind on a real index with the real MiniLM model.
 */
abstract class RetrieverContract {

    /** The retriever under test, over an index of more than 10 chunks. */
    abstract Retriever retriever();

    /** The index's embedder, to embed queries by hand; null for lexical retrievers. */
    abstract Embedder embedder();

    /** The stages a search of this retriever runs when it embeds the query itself. */
    abstract Set<SearchStage> stages();

    /** Real queries, each matching some chunks lexically (so BM25 finds hits too). */
    abstract List<String> queries();

    @Test
    void ranksOneToNBestFirstAtMostN() {
        for (String q : queries()) {
            for (int n : new int[] {1, 3, 10, 1000}) {
                List<Hit> hits = retriever().search(q, n);
                assertThat(hits).as("%s, n=%d", q, n).isNotEmpty().hasSizeLessThanOrEqualTo(n);
                for (int i = 0; i < hits.size(); i++) {
                    assertThat(hits.get(i).rank()).isEqualTo(i + 1);
                    if (i > 0) {
                        assertThat(hits.get(i).score()).as("%s: rank %d", q, i + 1)
                                .isLessThanOrEqualTo(hits.get(i - 1).score());
                    }
                }
                assertThat(hits.stream().map(Hit::luceneDoc).distinct().count()).isEqualTo(hits.size());
            }
            assertThat(retriever().search(q, 10)).as(q).hasSize(10);
        }
    }

    @Test
    void aLongerListStartsWithTheShorterOne() {
        String q = queries().getFirst();
        List<Hit> ten = retriever().search(q, 10);
        List<Hit> three = retriever().search(q, 3);
        assertThat(ten.subList(0, 3)).extracting(Hit::luceneDoc)
                .containsExactlyElementsOf(three.stream().map(Hit::luceneDoc).toList());
    }

    @Test
    void theSameQueryTwiceGivesTheSameHits() {
        for (String q : queries()) {
            assertSameHits(q, retriever().search(q, 10), retriever().search(q, 10));
        }
    }

    @Test
    void manyThreadsGetWhatOneThreadGets() throws Exception {
        var expected = new ArrayList<List<Hit>>();
        for (String q : queries()) {
            expected.add(retriever().search(q, 10));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            var futures = new ArrayList<Future<List<List<Hit>>>>();
            for (int t = 0; t < 8; t++) {
                int offset = t;
                Callable<List<List<Hit>>> task = () -> {
                    var got = new ArrayList<List<Hit>>();
                    for (int i = 0; i < queries().size(); i++) {
                        got.add(null);
                    }
                    // Each thread in its own order, so different queries run at the same time.
                    for (int i = 0; i < queries().size(); i++) {
                        int qi = (i + offset) % queries().size();
                        got.set(qi, retriever().search(queries().get(qi), 10));
                    }
                    return got;
                };
                futures.add(pool.submit(task));
            }
            for (var f : futures) {
                var got = f.get();
                for (int i = 0; i < expected.size(); i++) {
                    assertSameHits(queries().get(i), got.get(i), expected.get(i));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void timingsAreNonNegativeAndWithinTheTotal() {
        for (String q : queries()) {
            SearchTimings t = retriever().search(SearchRequest.of(q, 10)).timings();
            assertThat(t.stageNanos().keySet()).as(q).containsExactlyInAnyOrderElementsOf(stages());
            long sum = 0;
            for (SearchStage stage : SearchStage.values()) {
                assertThat(t.nanos(stage)).isNotNegative();
                sum += t.nanos(stage);
            }
            assertThat(t.nanos(SearchStage.SEARCH)).isPositive();
            assertThat(t.totalNanos()).isGreaterThanOrEqualTo(sum);
            // The rerank stage is a reranked retriever's alone.
            assertThat(t.latencyMs()).containsKey("total");
            assertThat(t.latencyMs().containsKey("rerank")).isEqualTo(stages().contains(SearchStage.RERANK));
        }
    }

    @Test
    void anEmbeddingOverrideIsUsedInsteadOfEmbeddingTheQuery() {
        Embedder embedder = embedder();
        String q = queries().getFirst();
        String other = queries().get(1);
        if (embedder == null) {
            // A lexical retriever has no use for a vector: the text decides.
            float[] any = {1, 0, 0};
            var result = retriever().search(SearchRequest.of(q, 10).withQueryEmbedding(any));
            assertSameHits(q, result.hits(), retriever().search(q, 10));
            return;
        }
        var own = retriever().search(SearchRequest.of(q, 10).withQueryEmbedding(embedder.embedQuery(q)));
        assertSameHits(q, own.hits(), retriever().search(q, 10));
        assertThat(own.timings().ran(SearchStage.EMBED)).isFalse();
        // The vector, not the text, drives the dense side: another query's vector gives other hits.
        var swapped = retriever().search(SearchRequest.of(q, 10).withQueryEmbedding(embedder.embedQuery(other)));
        assertThat(swapped.hits()).extracting(Hit::luceneDoc)
                .isNotEqualTo(own.hits().stream().map(Hit::luceneDoc).toList());
        assertThatThrownBy(() -> retriever().search(SearchRequest.of(q, 10).withQueryEmbedding(new float[3])))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has 3 dimensions").hasMessageContaining(embedder.dimension() + "-dimensional");
    }

    /**
     * The same chunks in the same order, scores equal up to float rounding. Lucene's vector dot product gives
     * scores that differ in the last bit of a float before and after the JIT compiles it (its Panama reduction
     * order is not fixed), measured here as 1-ulp differences in a cold JVM that vanish after warm-up; the
     * ranking does not change.
     */
    static void assertSameHits(String query, List<Hit> actual, List<Hit> expected) {
        assertThat(actual).as(query).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            Hit a = actual.get(i);
            Hit e = expected.get(i);
            assertThat(List.of(a.rank(), a.luceneDoc(), a.documentId(), a.ordinal())).as("%s: hit %d", query, i + 1)
                    .isEqualTo(List.of(e.rank(), e.luceneDoc(), e.documentId(), e.ordinal()));
            assertThat(a.score()).as("%s: score of hit %d", query, i + 1).isCloseTo(e.score(), within(1e-6));
        }
    }

    static Set<SearchStage> stages(SearchStage first, SearchStage... rest) {
        return EnumSet.of(first, rest);
    }
}
