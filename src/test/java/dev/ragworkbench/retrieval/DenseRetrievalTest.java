package dev.ragworkbench.retrieval;

import dev.ragworkbench.app.Workbench;
import dev.ragworkbench.chunking.ChunkerSpec;
import dev.ragworkbench.embedding.CachingEmbedder;
import dev.ragworkbench.index.IndexException;
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

/** Dense and hybrid retrieval with the real MiniLM model over a real index of the first SciFact abstracts. */
class DenseRetrievalTest {

    static final Path SCIFACT = Path.of(System.getProperty("ragworkbench.shared.data", "../shared/data"), "scifact");
    static final int DOCS = 150;

    @TempDir
    static Path dir;
    static Workbench bench;
    static String indexName;

    @BeforeAll
    static void build() throws Exception {
        Path corpus = dir.resolve("corpus.jsonl");
        try (var lines = Files.lines(SCIFACT.resolve("corpus.jsonl"))) {
            Files.write(corpus, lines.limit(DOCS).toList());
        }
        bench = Workbench.open(dir.resolve("ws"));
        bench.importCorpus(corpus, ImportFormat.BEIR, "sci", ProgressListener.NONE, Cancellation.none());
        indexName = bench.buildIndex(new Workbench.IndexRequest("sci", ChunkerSpec.parse("fixed:size=128,overlap=16"),
                "all-minilm-l6-v2"), ProgressListener.NONE, Cancellation.none()).name();
    }

    @AfterAll
    static void close() {
        bench.close();
    }

    /** A document's own title, reworded, should find it: a paraphrase shares meaning, not always words. */
    @Test
    void denseFindsADocumentByItsTitle() {
        try (var index = bench.openIndex(indexName)) {
            var doc = bench.documents().documents("sci").get(7);
            var dense = bench.retriever(index, RetrieverSpec.parse("dense"));
            var top = DocumentRanking.topDocuments(dense, doc.title(), 5, index.info().chunks());
            assertThat(top).extracting(Hit::documentId).contains(doc.id());
            assertThat(top.getFirst().score()).isBetween(0.5, 1.0);
        }
    }

    @Test
    void hnswAgreesWithTheExactScanOnASmallIndex() {
        try (var index = bench.openIndex(indexName)) {
            var hnsw = bench.retriever(index, RetrieverSpec.parse("dense"));
            var exact = bench.retriever(index, RetrieverSpec.parse("dense:exact=true"));
            for (String q : List.of("vitamin D and bone fractures", "stem cells in the bone marrow", "malaria")) {
                assertThat(hnsw.search(q, 10)).extracting(Hit::luceneDoc)
                        .containsExactlyElementsOf(exact.search(q, 10).stream().map(Hit::luceneDoc).toList());
            }
        }
    }

    @Test
    void hybridsFuseBothRankings() {
        try (var index = bench.openIndex(indexName)) {
            String q = "stem cells in the bone marrow";
            var bm25 = bench.retriever(index, RetrieverSpec.parse("bm25")).search(q, 100);
            var dense = bench.retriever(index, RetrieverSpec.parse("dense")).search(q, 100);
            var rrf = bench.retriever(index, RetrieverSpec.parse("hybrid-rrf:k=60")).search(q, 10);
            // RRF of the two lists, recomputed by hand for the fused winner.
            var top = rrf.getFirst();
            double expected = dense.stream().filter(h -> h.luceneDoc() == top.luceneDoc())
                    .mapToDouble(h -> 1.0 / (60 + h.rank())).sum()
                    + bm25.stream().filter(h -> h.luceneDoc() == top.luceneDoc())
                    .mapToDouble(h -> 1.0 / (60 + h.rank())).sum();
            assertThat(top.score()).isCloseTo(expected, org.assertj.core.api.Assertions.within(1e-12));
            assertThat(rrf).extracting(Hit::rank).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);

            var lexicalOnly = bench.retriever(index, RetrieverSpec.parse("hybrid-weighted:alpha=0")).search(q, 5);
            assertThat(lexicalOnly).extracting(Hit::luceneDoc)
                    .containsExactlyElementsOf(bm25.subList(0, 5).stream().map(Hit::luceneDoc).toList());
            var denseOnly = bench.retriever(index, RetrieverSpec.parse("hybrid-weighted:alpha=1")).search(q, 5);
            assertThat(denseOnly).extracting(Hit::luceneDoc)
                    .containsExactlyElementsOf(dense.subList(0, 5).stream().map(Hit::luceneDoc).toList());
        }
    }

    @Test
    void rebuildingComputesNoEmbeddingTwice() {
        var embedder = (CachingEmbedder) bench.embedder("all-minilm-l6-v2");
        long computedBefore = embedder.stats().computed();
        bench.buildIndex(new Workbench.IndexRequest("sci", ChunkerSpec.parse("fixed:size=128,overlap=16"),
                "all-minilm-l6-v2"), ProgressListener.NONE, Cancellation.none());
        assertThat(embedder.stats().computed()).isEqualTo(computedBefore);
    }

    @Test
    void refusesAnotherEmbeddersQueries() {
        try (var index = bench.openIndex(indexName)) {
            assertThatThrownBy(() -> index.requireEmbedder("bge-small-en-v1.5-q"))
                    .isInstanceOf(IndexException.class)
                    .hasMessageContaining("built with embedder 'all-minilm-l6-v2', not 'bge-small-en-v1.5-q'");
        }
    }
}
