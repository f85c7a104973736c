package dev.ragworkbench.retrieval;

import dev.ragworkbench.app.Workbench;
import dev.ragworkbench.chunking.ChunkerSpec;
import dev.ragworkbench.embedding.TestCrossEncoders;
import dev.ragworkbench.index.ChunkIndex;
import dev.ragworkbench.index.IndexSettings;
import dev.ragworkbench.index.IndexedText;
import dev.ragworkbench.ingest.ImportFormat;
import dev.ragworkbench.progress.Cancellation;
import dev.ragworkbench.progress.ProgressListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * What a reranker does to a retriever's hits, on a BM25 index of 80 SciFact abstracts: the bundled BGE model
 * re-scores MiniLM-free BM25 hits by its own cosine, a cross-encoder by its logit, and only the top {@code depth}.
 */
class RerankedRetrieverTest {

    static final String QUERY = "Stem cells in the bone marrow give rise to blood cells.";

    @TempDir
    static Path dir;
    static Workbench bench;
    static ChunkIndex index;
    static Path crossEncoder;

    @BeforeAll
    static void build() throws Exception {
        Path corpus = dir.resolve("corpus.jsonl");
        try (var lines = Files.lines(RetrieverContractTest.SCIFACT.resolve("corpus.jsonl"))) {
            Files.write(corpus, lines.limit(80).toList());
        }
        bench = Workbench.open(dir.resolve("ws"));
        bench.importCorpus(corpus, ImportFormat.BEIR, "sci", ProgressListener.NONE, Cancellation.none());
        index = bench.openIndex(bench.buildIndex(new Workbench.IndexRequest("sci", ChunkerSpec.parse("none"),
                IndexSettings.NO_EMBEDDER), ProgressListener.NONE, Cancellation.none()).name());
        crossEncoder = TestCrossEncoders.counting(dir.resolve("ce"), 4442); // "cells"
    }

    @AfterAll
    static void close() {
        index.close();
        bench.close();
    }

    @Test
    void aSecondEmbedderReordersTheRetrieversTopDepthByItsCosine() {
        var spec = RetrieverSpec.parse("bm25+rerank:embedder=bge-small-en-v1.5-q,depth=10");
        Retriever reranked = bench.retriever(index, spec);
        assertThat(reranked.spec()).isEqualTo(spec);
        List<Hit> base = bench.retriever(index, RetrieverSpec.parse("bm25")).search(QUERY, 10);
        SearchResult result = reranked.search(SearchRequest.of(QUERY, 10));
        List<Hit> hits = result.hits();

        assertThat(hits).extracting(Hit::luceneDoc)
                .containsExactlyInAnyOrderElementsOf(base.stream().map(Hit::luceneDoc).toList())
                .isNotEqualTo(base.stream().map(Hit::luceneDoc).toList());
        var bge = bench.embedder("bge-small-en-v1.5-q");
        float[] q = bge.embedQuery(QUERY);
        for (Hit h : hits) {
            var chunk = index.chunk(h.luceneDoc());
            float[] p = bge.embedDocuments(List.of(IndexedText.of(chunk.title(), chunk.text())),
                    ProgressListener.NONE, Cancellation.none()).getFirst();
            double cosine = 0;
            for (int i = 0; i < q.length; i++) {
                cosine += q[i] * p[i];
            }
            assertThat(h.score()).as("hit %d", h.rank()).isCloseTo(cosine, within(1e-5));
        }
        assertThat(result.timings().ran(SearchStage.RERANK)).isTrue();
        assertThat(result.timings().nanos(SearchStage.RERANK)).isPositive();
    }

    @Test
    void aCrossEncoderOrdersByItsLogitAndTiesKeepTheRetrieversOrder() {
        Retriever reranked = bench.retriever(index, RetrieverSpec.parse("bm25+rerank:model=" + crossEncoder + ",depth=20"));
        List<Hit> base = bench.retriever(index, RetrieverSpec.parse("bm25")).search(QUERY, 20);
        List<Hit> hits = reranked.search(QUERY, 20);
        assertThat(hits).hasSize(20);
        // The counting model's logit is the number of "cells" tokens in the passage.
        assertThat(hits.getFirst().score()).isGreaterThanOrEqualTo(2);
        assertThat(hits).allSatisfy(h -> assertThat(h.score()).isEqualTo(Math.rint(h.score())));
        for (int i = 1; i < hits.size(); i++) {
            Hit a = hits.get(i - 1);
            Hit b = hits.get(i);
            if (a.score() == b.score()) {
                assertThat(baseRank(base, a)).as("tie at ranks %d, %d", a.rank(), b.rank()).isLessThan(baseRank(base, b));
            }
        }
    }

    @Test
    void onlyTheTopDepthChunksAreReturnedWhateverIsAsked() {
        Retriever reranked = bench.retriever(index, RetrieverSpec.parse("bm25+rerank:model=" + crossEncoder + ",depth=7"));
        assertThat(reranked.search(QUERY, 1000)).hasSize(7);
        assertThat(DocumentRanking.topDocuments(reranked, QUERY, 100, index.info().chunks())).hasSize(7);
        assertThat(reranked.search(QUERY, 3)).extracting(Hit::luceneDoc)
                .containsExactlyElementsOf(reranked.search(QUERY, 7).subList(0, 3).stream().map(Hit::luceneDoc).toList());
    }

    @Test
    void aFolderThatIsNoCrossEncoderIsRefusedWhenTheRetrieverIsMade() {
        assertThatThrownBy(() -> bench.retriever(index, RetrieverSpec.parse("bm25+rerank:model=" + dir.resolve("none"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected a cross-encoder: a folder holding model.onnx");
        assertThatThrownBy(() -> bench.retriever(index, RetrieverSpec.parse("bm25+rerank:embedder=no-such-model")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown embedder 'no-such-model'");
    }

    private static int baseRank(List<Hit> base, Hit hit) {
        return base.stream().filter(b -> b.luceneDoc() == hit.luceneDoc()).findFirst().orElseThrow().rank();
    }
}
