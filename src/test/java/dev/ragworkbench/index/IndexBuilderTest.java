package dev.ragworkbench.index;

import dev.ragworkbench.chunking.Chunk;
import dev.ragworkbench.ingest.Document;
import dev.ragworkbench.progress.Cancellation;
import dev.ragworkbench.progress.ProgressListener;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** A BM25-only build large enough to be written on two threads keeps the one-thread build's doc order. */
class IndexBuilderTest {

    @TempDir
    Path dir;

    static final Function<Document, List<Chunk>> WHOLE = d -> List.of(
            new Chunk(d.id(), 0, 0, d.text().length(), d.text(), 3, Map.of()));

    static List<Document> documents(int n) {
        // ids deliberately not in the order of the list, so the order checked is the input's, not a sort's
        return IntStream.range(0, n).mapToObj(i -> {
            String id = "d" + ((i * 7919) % n);
            String text = "word" + (i % 97) + " common text " + i;
            return new Document(id, id, "t" + i, text, Integer.toHexString(text.hashCode()), "beir", Map.of(),
                    List.of());
        }).toList();
    }

    @Test
    void aParallelBuildKeepsTheInputOrderAndLeavesNoScratchBehind() throws Exception {
        var docs = documents(ChunkWriting.PARALLEL_MIN + 501);
        var settings = new IndexSettings("big.none.none", "big", "none", IndexSettings.NO_EMBEDDER, "english", 0);
        var stages = new ArrayList<String>();
        var result = new IndexBuilder(dir).build(settings, docs, WHOLE, null, new ProgressListener() {
            @Override
            public synchronized void progress(String stage, long done, long total) {
                if (stages.isEmpty() || !stages.getLast().equals(stage)) {
                    stages.add(stage);
                }
            }
        }, Cancellation.none());
        assertThat(result.info().chunks()).isEqualTo(docs.size());
        assertThat(stages).containsExactly("chunk", "index");
        try (var directory = FSDirectory.open(result.info().path()); var reader = DirectoryReader.open(directory)) {
            // a segment per thread, in order (one where the machine has a single core)
            assertThat(reader.leaves()).hasSize(ChunkWriting.parallel(null, docs.size()) ? 2 : 1);
            var stored = reader.storedFields();
            for (int i = 0; i < docs.size(); i++) {
                assertThat(stored.document(i).get(ChunkFields.DOC_ID)).isEqualTo(docs.get(i).id());
            }
        }
        try (var left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("big.none.none");
        }
        assertThat(IndexBuilder.corpusFingerprint(result.info())).isPresent();
    }

    @Test
    void aBuildWithAnEmbedderReportsChunkThenEmbedThenIndex() {
        var docs = documents(3);
        try (var embedder = dev.ragworkbench.embedding.Embedders.open(dev.ragworkbench.embedding.Embedders.DEFAULT)) {
            var settings = new IndexSettings("small.none.minilm", "small", "none", embedder.name(), "english",
                    embedder.dimension());
            var stages = new ArrayList<String>();
            var embedded = new ArrayList<Long>();
            new IndexBuilder(dir).build(settings, docs, WHOLE, embedder, new ProgressListener() {
                @Override
                public synchronized void progress(String stage, long done, long total) {
                    if (stage.equals("embed")) {
                        embedded.add(done);
                        assertThat(total).isEqualTo(3);
                    }
                    if (stages.isEmpty() || !stages.getLast().equals(stage)) {
                        stages.add(stage);
                    }
                }
            }, Cancellation.none());
            assertThat(stages).containsExactly("chunk", "embed", "index");
            assertThat(embedded).last().isEqualTo(3L);
        }
    }
}
