package dev.ragworkbench.embedding;

import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import dev.ragworkbench.progress.Cancellation;
import dev.ragworkbench.progress.CancelledException;
import dev.ragworkbench.progress.ProgressListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static dev.ragworkbench.embedding.Vectors.cosine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OnnxEmbedderTest {

    static OnnxEmbedder minilm;

    @BeforeAll
    static void load() {
        minilm = Embedders.open("all-minilm-l6-v2");
    }

    @AfterAll
    static void close() {
        minilm.close();
    }

    static final String SHORT = "Vitamin D deficiency is associated with an increased risk of respiratory infections.";

    @Test
    void describesTheModel() {
        assertThat(minilm.name()).isEqualTo("all-minilm-l6-v2");
        assertThat(minilm.dimension()).isEqualTo(384);
        assertThat(minilm.maxTokens()).isEqualTo(256);
        assertThat(minilm.pooling()).isEqualTo(Pooling.MEAN);
        assertThat(minilm.tokenizer().count(SHORT)).isBetween(10, 30);
    }

    @Test
    void matchesLangChain4jMiniLmOnShortText() {
        var reference = new AllMiniLmL6V2EmbeddingModel();
        float[] expected = reference.embed(SHORT).content().vector();
        float[] ours = minilm.embedDocuments(List.of(SHORT), ProgressListener.NONE, Cancellation.none()).getFirst();
        assertThat(cosine(ours, expected)).isGreaterThan(0.9999);
        assertThat(cosine(minilm.embedQuery(SHORT), expected)).isGreaterThan(0.9999); // MiniLM has no query prefix
    }

    @Test
    void matchesLangChain4jBgeOnShortTextAndPrefixesOnlyQueries() {
        // LangChain4j's BgeSmallEnV15QuantizedEmbeddingModel pools with PoolingMode.CLS, as we do.
        try (OnnxEmbedder bge = Embedders.open("bge-small-en-v1.5-q")) {
            assertThat(bge.maxTokens()).isEqualTo(512);
            assertThat(bge.pooling()).isEqualTo(Pooling.CLS);
            var reference = new BgeSmallEnV15QuantizedEmbeddingModel();
            float[] doc = bge.embedDocuments(List.of(SHORT), ProgressListener.NONE, Cancellation.none()).getFirst();
            assertThat(cosine(doc, reference.embed(SHORT).content().vector())).isGreaterThan(0.9999);
            float[] query = bge.embedQuery(SHORT);
            assertThat(cosine(query, reference.embed(Embedders.BGE_QUERY_PREFIX + SHORT).content().vector()))
                    .isGreaterThan(0.9999);
            assertThat(cosine(query, doc)).isLessThan(0.99); // the instruction changed the query vector
        }
    }

    /** About {@code tokens} tokens: 60 % on one topic, then an unrelated one that a 128-token model never sees. */
    static String twoTopics(int tokens) {
        String first = "Insulin resistance in skeletal muscle precedes type two diabetes in obese adults. ";
        String second = "The violin concerto was performed at the opera house by the city orchestra last winter. ";
        var text = new StringBuilder();
        while (minilm.tokenizer().count(text.toString()) < tokens * 6 / 10) {
            text.append(first);
        }
        while (minilm.tokenizer().count(text.toString()) < tokens) {
            text.append(second);
        }
        return text.toString().strip();
    }

    /** The text up to the end of its {@code tokens}-th token (special tokens not counted). */
    static String prefix(TextTokenizer tokenizer, String text, int tokens) {
        return text.substring(0, tokenizer.tokenize(text).get(tokens - 1).end());
    }

    @Test
    void usesMoreThan128TokensAndTruncatesAt256() {
        String medium = twoTopics(200);
        int count = minilm.tokenizer().count(medium);
        assertThat(count).isBetween(180, 250);
        float[] whole = minilm.embedQuery(medium);
        float[] first120 = minilm.embedQuery(prefix(minilm.tokenizer(), medium, 120));
        // A model cut at 128 tokens would give (nearly) the first-120 vector: ours saw the second topic too.
        assertThat(cosine(whole, first120)).isLessThan(0.98);
        float[] langchain4j = new AllMiniLmL6V2EmbeddingModel().embed(medium).content().vector();
        assertThat(cosine(whole, langchain4j)).isLessThan(0.98);

        String longText = twoTopics(400);
        assertThat(minilm.tokenizer().count(longText)).isGreaterThan(380);
        float[] longVector = minilm.embedQuery(longText);
        float[] first254 = minilm.embedQuery(prefix(minilm.tokenizer(), longText, 254));
        assertThat(cosine(longVector, first254)).isGreaterThan(0.999);
        // and one token fewer is a different input, so the limit is exactly 254 + [CLS] + [SEP]
        float[] first200 = minilm.embedQuery(prefix(minilm.tokenizer(), longText, 200));
        assertThat(cosine(longVector, first200)).isLessThan(0.999);
    }

    @Test
    void batchEqualsSingleAndKeepsOrder() {
        List<String> texts = new ArrayList<>(Vectors.scifact(12));
        // short texts of different lengths share a padded batch; the long one is truncated
        texts.addAll(List.of("short one", "a somewhat longer short text about cells", "", "x",
                "Mitochondria produce most of the cell's ATP through oxidative phosphorylation."));
        texts.add(twoTopics(400));
        List<float[]> batch = minilm.embedDocuments(texts, ProgressListener.NONE, Cancellation.none());
        assertThat(batch).hasSize(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            float[] alone = minilm.embedQuery(texts.get(i));
            assertThat(cosine(batch.get(i), alone)).as("text %d", i).isGreaterThan(0.9999);
            assertThat(batch.get(i)).hasSize(384);
        }
    }

    @Test
    void dynamicallyQuantizedModelsEmbedOneTextPerCallSoBatchMatesCannotChangeAVector() {
        assertThat(minilm.batching()).isEqualTo(Batching.DEFAULT);
        try (OnnxEmbedder q = Embedders.open("all-minilm-l6-v2-q")) {
            assertThat(q.batching()).isEqualTo(Batching.SINGLE);
            List<String> texts = List.of("short one", "a somewhat longer short text about cells", "x", SHORT);
            List<float[]> batch = q.embedDocuments(texts, ProgressListener.NONE, Cancellation.none());
            for (int i = 0; i < texts.size(); i++) {
                assertThat(batch.get(i)).containsExactly(q.embedQuery(texts.get(i)));
            }
        }
    }

    @Test
    void concurrentCallersGetTheSameVectorsAsOneCaller() throws Exception {
        List<String> texts = List.of("alpha beta", "gamma delta epsilon", SHORT, "zeta");
        List<float[]> expected = minilm.embedDocuments(texts, ProgressListener.NONE, Cancellation.none());
        try (var executor = java.util.concurrent.Executors.newFixedThreadPool(4)) {
            var futures = new ArrayList<java.util.concurrent.Future<List<float[]>>>();
            for (int i = 0; i < 8; i++) {
                futures.add(executor.submit(() -> minilm.embedDocuments(texts, ProgressListener.NONE,
                        Cancellation.none())));
            }
            for (var future : futures) {
                List<float[]> got = future.get();
                for (int i = 0; i < texts.size(); i++) {
                    assertThat(got.get(i)).containsExactly(expected.get(i));
                }
            }
        }
    }

    @Test
    void relatedTextsScoreHigherThanUnrelated() {
        List<float[]> v = minilm.embedDocuments(List.of(
                "How does smoking affect lung cancer risk?",
                "Tobacco use is the leading cause of lung carcinoma.",
                "The recipe needs two cups of flour and a pinch of salt."), ProgressListener.NONE, Cancellation.none());
        assertThat(cosine(v.get(0), v.get(1))).isGreaterThan(cosine(v.get(0), v.get(2)) + 0.2);
        for (float[] x : v) {
            assertThat(cosine(x, x)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
        }
    }

    @Test
    void reportsProgressPerBatchAndStopsWhenCancelled() {
        List<String> texts = Collections.nCopies(minilm.batching().maxTexts() * 3, "a small text");
        var reports = Collections.synchronizedList(new ArrayList<Long>());
        minilm.embedDocuments(texts, (stage, done, total) -> {
            assertThat(stage).isEqualTo("embed");
            assertThat(total).isEqualTo(texts.size());
            reports.add(done);
        }, Cancellation.none());
        assertThat(reports).contains(0L, (long) texts.size()).hasSize(4);

        var cancellation = new Cancellation();
        var batchesDone = new ArrayList<Long>();
        assertThatThrownBy(() -> minilm.embedDocuments(texts, (stage, done, total) -> {
            if (done > 0) {
                batchesDone.add(done);
                cancellation.cancel();
            }
        }, cancellation)).isInstanceOf(CancelledException.class);
        assertThat(batchesDone.size()).isLessThan(3); // stopped before the last batch
    }
}
