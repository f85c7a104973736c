package dev.ragworkbench.embedding;

import dev.ragworkbench.progress.Cancellation;
import dev.ragworkbench.progress.CancelledException;
import dev.ragworkbench.progress.ProgressListener;
import dev.ragworkbench.workspace.Workspace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CachingEmbedderTest {

    /** The int8 MiniLM: same code path as the others, four times smaller to load, faster to run. */
    static OnnxEmbedder model;

    @BeforeAll
    static void load() {
        model = Embedders.open("all-minilm-l6-v2-q");
    }

    @AfterAll
    static void close() {
        model.close();
    }

    /** Wraps the shared model without handing it over: closing the cache must not close it between tests. */
    static CachingEmbedder caching(Workspace workspace) {
        return new CachingEmbedder(new Unclosed(model), workspace);
    }

    @Test
    void secondPassComputesNothingAndReturnsTheSameVectors(@TempDir Path dir) {
        List<String> texts = Vectors.scifact(40);
        List<float[]> first;
        try (Workspace workspace = Workspace.open(dir)) {
            var cache = caching(workspace);
            first = cache.embedDocuments(texts, ProgressListener.NONE, Cancellation.none());
            assertThat(cache.stats()).isEqualTo(new CachingEmbedder.Stats(40, 0, 40));
            List<float[]> second = cache.embedDocuments(texts, ProgressListener.NONE, Cancellation.none());
            assertThat(cache.stats()).isEqualTo(new CachingEmbedder.Stats(80, 40, 40));
            for (int i = 0; i < texts.size(); i++) {
                assertThat(second.get(i)).as("text %d", i).containsExactly(first.get(i));
            }
            // what is stored is the model's vector, and the key is the embedder's name
            assertThat(first.getFirst()).containsExactly(
                    model.embedDocuments(texts.subList(0, 1), ProgressListener.NONE, Cancellation.none()).getFirst());
        }
        // a new process on the same workspace: still nothing to compute, in a different order too
        List<String> reversed = new ArrayList<>(texts.reversed());
        try (Workspace workspace = Workspace.open(dir)) {
            var cache = caching(workspace);
            List<float[]> again = cache.embedDocuments(reversed, ProgressListener.NONE, Cancellation.none());
            assertThat(cache.stats()).isEqualTo(new CachingEmbedder.Stats(40, 40, 0));
            for (int i = 0; i < texts.size(); i++) {
                assertThat(again.get(texts.size() - 1 - i)).containsExactly(first.get(i));
            }
        }
    }

    @Test
    void duplicatesAreComputedOnceAndMissesOnly(@TempDir Path dir) throws Exception {
        try (Workspace workspace = Workspace.open(dir)) {
            var cache = caching(workspace);
            cache.embedDocuments(List.of("alpha text", "beta text"), ProgressListener.NONE, Cancellation.none());
            List<float[]> v = cache.embedDocuments(List.of("gamma text", "alpha text", "gamma text", "delta text"),
                    ProgressListener.NONE, Cancellation.none());
            // 2 + 4 requested; alpha was a hit; gamma and delta computed once each; the second gamma a duplicate
            assertThat(cache.stats()).isEqualTo(new CachingEmbedder.Stats(6, 1, 4));
            assertThat(v.get(0)).containsExactly(v.get(2)).isNotSameAs(v.get(2));
            assertThat(Vectors.cosine(v.get(0), v.get(3))).isLessThan(0.99);
            try (var db = workspace.connection();
                 ResultSet rows = db.createStatement().executeQuery(
                         "SELECT embedder, COUNT(*), MIN(LENGTH(vector)) FROM embedding_cache GROUP BY embedder")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("all-minilm-l6-v2-q");
                assertThat(rows.getInt(2)).isEqualTo(4);
                assertThat(rows.getInt(3)).isEqualTo(384 * 4);
                assertThat(rows.next()).isFalse();
            }
        }
    }

    @Test
    void queriesAreCachedApartFromDocuments(@TempDir Path dir) throws Exception {
        try (Workspace workspace = Workspace.open(dir)) {
            var cache = caching(workspace);
            float[] query = cache.embedQuery("what causes scurvy");
            assertThat(cache.embedQuery("what causes scurvy")).containsExactly(query);
            assertThat(query).containsExactly(model.embedQuery("what causes scurvy"));
            assertThat(cache.stats().requested()).isZero();
            try (var db = workspace.connection();
                 ResultSet rows = db.createStatement().executeQuery("SELECT embedder FROM embedding_cache")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("all-minilm-l6-v2-q#query");
                assertThat(rows.next()).isFalse();
            }
        }
    }

    @Test
    void aCancelledRunKeepsTheRoundsItFinished(@TempDir Path dir) {
        // Short distinct texts: two rounds' worth is cheap to embed.
        var texts = new ArrayList<String>();
        for (int i = 0; i < CachingEmbedder.ROUND_TEXTS + 10; i++) {
            texts.add("note number " + i);
        }
        try (Workspace workspace = Workspace.open(dir)) {
            var cache = caching(workspace);
            var cancellation = new Cancellation();
            assertThatThrownBy(() -> cache.embedDocuments(texts, (stage, done, total) -> {
                if (done >= CachingEmbedder.ROUND_TEXTS) {
                    cancellation.cancel(); // after the first round is stored
                }
            }, cancellation)).isInstanceOf(CancelledException.class);
            var resumed = caching(workspace);
            resumed.embedDocuments(texts, ProgressListener.NONE, Cancellation.none());
            assertThat(resumed.stats()).isEqualTo(new CachingEmbedder.Stats(texts.size(), CachingEmbedder.ROUND_TEXTS, 10));
        }
    }

    /**
     * Re-indexing SciFact must cost a few percent of indexing it: 5,000 cached texts in well under 2 s. The rows are
     * written here by hand (SHA-256 of the UTF-8 text, little-endian floats), which also pins the stored format.
     */
    @Test
    void fiveThousandCachedTextsComeBackFastWithoutTheModel(@TempDir Path dir) throws Exception {
        List<String> texts = Vectors.scifact(5000);
        var random = new java.util.Random(42);
        var stored = new java.util.HashMap<String, float[]>();
        try (Workspace workspace = Workspace.open(dir)) {
            try (var db = workspace.connection();
                 var insert = db.prepareStatement("INSERT INTO embedding_cache VALUES (?, ?, ?)")) {
                db.setAutoCommit(false);
                var sha = java.security.MessageDigest.getInstance("SHA-256");
                for (String text : texts) {
                    float[] v = new float[384];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = (float) random.nextGaussian();
                    }
                    if (stored.putIfAbsent(text, v) != null) {
                        continue;
                    }
                    insert.setString(1, "all-minilm-l6-v2-q");
                    insert.setBytes(2, sha.digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                    var bytes = java.nio.ByteBuffer.allocate(v.length * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
                    for (float x : v) {
                        bytes.putFloat(x);
                    }
                    insert.setBytes(3, bytes.array());
                    insert.addBatch();
                }
                insert.executeBatch();
                db.commit();
            }
            var cache = caching(workspace);
            cache.embedDocuments(texts.subList(0, 10), ProgressListener.NONE, Cancellation.none()); // warm up
            // Best of three: the first pass in a fresh JVM also pays for JIT-compiling SHA-256 and H2's read path
            // (0.25-0.33 s at load ~3, 0.8-1.9 s at load ~10 on this shared machine; warm: ~0.2 s).
            double seconds = Double.MAX_VALUE;
            List<float[]> vectors = null;
            for (int pass = 0; pass < 3; pass++) {
                long start = System.nanoTime();
                vectors = cache.embedDocuments(texts, ProgressListener.NONE, Cancellation.none());
                double took = (System.nanoTime() - start) / 1e9;
                System.out.printf("CACHE 5000 cached texts in %.3f s%n", took);
                seconds = Math.min(seconds, took);
            }
            assertThat(cache.stats().computed()).isZero();
            assertThat(cache.stats().hits()).isEqualTo(3 * 5000 + 10);
            for (int i = 0; i < texts.size(); i += 97) {
                assertThat(vectors.get(i)).containsExactly(stored.get(texts.get(i)));
            }
            assertThat(seconds).isLessThan(2.0);
        }
    }

    @Test
    void vectorsRoundTripAsLittleEndianFloats() {
        float[] v = {1.5f, -0.25f, Float.MIN_VALUE, 0f};
        byte[] bytes = CachingEmbedder.encode(v);
        assertThat(bytes).hasSize(16);
        assertThat(bytes[0]).isEqualTo((byte) 0); // 1.5f = 0x3FC00000, low byte first
        assertThat(bytes[3]).isEqualTo((byte) 0x3F);
        assertThat(CachingEmbedder.decode(bytes)).containsExactly(v);
    }

    /** Delegates everything but close. */
    record Unclosed(Embedder inner) implements Embedder {
        public String name() { return inner.name(); }
        public String cacheKey() { return inner.cacheKey(); }
        public int dimension() { return inner.dimension(); }
        public int maxTokens() { return inner.maxTokens(); }
        public TextTokenizer tokenizer() { return inner.tokenizer(); }
        public List<float[]> embedDocuments(List<String> t, ProgressListener p, Cancellation c) {
            return inner.embedDocuments(t, p, c);
        }
        public float[] embedQuery(String q) { return inner.embedQuery(q); }
    }
}
