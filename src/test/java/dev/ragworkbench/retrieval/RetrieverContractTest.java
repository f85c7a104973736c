package dev.ragworkbench.retrieval;

import dev.ragworkbench.app.Workbench;
import dev.ragworkbench.chunking.ChunkerSpec;
import dev.ragworkbench.embedding.Embedder;
import dev.ragworkbench.embedding.TestCrossEncoders;
import dev.ragworkbench.index.ChunkIndex;
import dev.ragworkbench.ingest.ImportFormat;
import dev.ragworkbench.progress.Cancellation;
import dev.ragworkbench.progress.ProgressListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static dev.ragworkbench.retrieval.SearchStage.EMBED;
import static dev.ragworkbench.retrieval.SearchStage.FUSION;
import static dev.ragworkbench.retrieval.SearchStage.RERANK;
import static dev.ragworkbench.retrieval.SearchStage.SEARCH;

/**
 * The {@link RetrieverContract} for every retriever kind, on one real Lucene index of the first 80 SciFact
 * abstracts embedded with the real MiniLM model, queried with real SciFact claims.
 */
class RetrieverContractTest {

    static final Path SCIFACT = Path.of(System.getProperty("ragworkbench.shared.data", "../shared/data"), "scifact");
    static final String EMBEDDER = "all-minilm-l6-v2";
    static final List<String> QUERIES = List.of(
            "Vitamin D deficiency is associated with bone fractures in older adults.",
            "Stem cells in the bone marrow give rise to blood cells.",
            "Tumour growth depends on the immune response.",
            "Gene expression changes in cancer cells.",
            "Patients with high blood pressure have a greater risk of stroke.");

    @TempDir
    static Path dir;
    static Workbench bench;
    static ChunkIndex index;
    /** A cross-encoder that scores a passage by its "cell" tokens (id 3526 in MiniLM's vocabulary). */
    static Path crossEncoder;

    @BeforeAll
    static void build() throws Exception {
        Path corpus = dir.resolve("corpus.jsonl");
        try (var lines = Files.lines(SCIFACT.resolve("corpus.jsonl"))) {
            Files.write(corpus, lines.limit(80).toList());
        }
        bench = Workbench.open(dir.resolve("ws"));
        bench.importCorpus(corpus, ImportFormat.BEIR, "sci", ProgressListener.NONE, Cancellation.none());
        String name = bench.buildIndex(new Workbench.IndexRequest("sci", ChunkerSpec.parse("none"), EMBEDDER),
                ProgressListener.NONE, Cancellation.none()).name();
        index = bench.openIndex(name);
        crossEncoder = TestCrossEncoders.counting(dir.resolve("cross-encoder"), 3526);
    }

    @AfterAll
    static void close() {
        index.close();
        bench.close();
    }

    abstract class Kind extends RetrieverContract {
        private final Retriever retriever;

        Kind(String spec) {
            retriever = bench.retriever(index, RetrieverSpec.parse(spec));
        }

        @Override
        Retriever retriever() {
            return retriever;
        }

        @Override
        Embedder embedder() {
            return bench.embedder(EMBEDDER);
        }

        @Override
        List<String> queries() {
            return QUERIES;
        }
    }

    @Nested
    class Bm25 extends Kind {
        Bm25() {
            super("bm25");
        }

        @Override
        Embedder embedder() {
            return null;
        }

        @Override
        Set<SearchStage> stages() {
            return stages(SEARCH);
        }
    }

    @Nested
    class DenseHnsw extends Kind {
        DenseHnsw() {
            super("dense");
        }

        @Override
        Set<SearchStage> stages() {
            return stages(EMBED, SEARCH);
        }
    }

    @Nested
    class DenseExact extends Kind {
        DenseExact() {
            super("dense:exact=true");
        }

        @Override
        Set<SearchStage> stages() {
            return stages(EMBED, SEARCH);
        }
    }

    @Nested
    class HybridRrf extends Kind {
        HybridRrf() {
            super("hybrid-rrf:k=60,depth=50");
        }

        @Override
        Set<SearchStage> stages() {
            return stages(EMBED, SEARCH, FUSION);
        }
    }

    @Nested
    class HybridWeighted extends Kind {
        HybridWeighted() {
            super("hybrid-weighted:alpha=0.5,depth=50");
        }

        @Override
        Set<SearchStage> stages() {
            return stages(EMBED, SEARCH, FUSION);
        }
    }

    /** A second embedder after MiniLM's dense hits; depth 20 of 80 chunks, so another query's vector finds others. */
    @Nested
    class DenseRerankedByEmbedder extends Kind {
        DenseRerankedByEmbedder() {
            super("dense+rerank:embedder=bge-small-en-v1.5-q,depth=20");
        }

        @Override
        Set<SearchStage> stages() {
            return stages(EMBED, SEARCH, RERANK);
        }
    }

    @Nested
    class Bm25RerankedByCrossEncoder extends Kind {
        Bm25RerankedByCrossEncoder() {
            super("bm25+rerank:model=" + crossEncoder + ",depth=20");
        }

        @Override
        Embedder embedder() {
            return null;
        }

        @Override
        Set<SearchStage> stages() {
            return stages(SEARCH, RERANK);
        }
    }
}
