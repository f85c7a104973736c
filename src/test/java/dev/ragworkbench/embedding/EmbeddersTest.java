package dev.ragworkbench.embedding;

import dev.ragworkbench.progress.Cancellation;
import dev.ragworkbench.progress.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.ragworkbench.embedding.Vectors.cosine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddersTest {

    @Test
    void knowsTheBundledModelsWithTheirRealLimits() {
        assertThat(Embedders.knownNames())
                .containsExactly("all-minilm-l6-v2", "all-minilm-l6-v2-q", "bge-small-en-v1.5-q");
        assertThat(Embedders.DEFAULT).isEqualTo(Embedders.knownNames().getFirst());
        assertThat(Embedders.spec("all-minilm-l6-v2").maxTokens()).isEqualTo(256);
        assertThat(Embedders.spec("all-minilm-l6-v2-q").maxTokens()).isEqualTo(256);
        assertThat(Embedders.spec("bge-small-en-v1.5-q").maxTokens()).isEqualTo(512);
        assertThat(Embedders.spec("bge-small-en-v1.5-q").pooling()).isEqualTo(Pooling.CLS);
        assertThat(Embedders.spec("bge-small-en-v1.5-q").queryPrefix()).startsWith("Represent this sentence");
        assertThat(Embedders.spec("all-minilm-l6-v2").queryPrefix()).isEmpty();
    }

    @Test
    void unknownNameListsTheValidOnes() {
        assertThatThrownBy(() -> Embedders.open("minilm"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'minilm'")
                .hasMessageContaining("all-minilm-l6-v2, all-minilm-l6-v2-q, bge-small-en-v1.5-q")
                .hasMessageContaining("model.onnx");
    }

    @Test
    void folderWithoutModelFilesIsRejected(@TempDir Path dir) {
        assertThatThrownBy(() -> Embedders.open(dir.toString()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must contain model.onnx and tokenizer.json");
    }

    @Test
    void folderNamesBecomeFilenameSafe() {
        assertThat(Embedders.folderName(Path.of("/models/My Model (v2)!"))).isEqualTo("onnx-my-model-v2");
        assertThat(Embedders.folderName(Path.of("/models/e5_small.v2"))).isEqualTo("onnx-e5_small.v2");
        assertThat(Embedders.folderName(Path.of("/models/..."))).isEqualTo("onnx-model");
        assertThat(Embedders.folderName(Path.of("/models/x/../Ünïcode"))).matches("onnx-[a-z0-9._-]+");
    }

    /** A user's folder built from the bundled MiniLM files, as an export from Hugging Face would look. */
    static Path miniLmFolder(Path parent, String name) throws IOException {
        Path dir = Files.createDirectories(parent.resolve(name));
        copy("/all-minilm-l6-v2.onnx", dir.resolve("model.onnx"));
        copy("/all-minilm-l6-v2-tokenizer.json", dir.resolve("tokenizer.json"));
        return dir;
    }

    private static void copy(String resource, Path target) throws IOException {
        try (InputStream in = EmbeddersTest.class.getResourceAsStream(resource)) {
            Files.copy(in, target);
        }
    }

    @Test
    void readsTheLimitAndPoolingOfAUserFolder(@TempDir Path tmp) throws IOException {
        Path dir = miniLmFolder(tmp, "MiniLM copy");
        // Only tokenizer.json speaks: LangChain4j's copy says 128.
        assertThat(Embedders.folderSpec(dir).maxTokens()).isEqualTo(128);
        assertThat(Embedders.folderSpec(dir).pooling()).isEqualTo(Pooling.MEAN);
        // sentence-transformers' own config wins, capped by the model's positions.
        Files.writeString(dir.resolve("sentence_bert_config.json"), "{\"max_seq_length\": 256}");
        assertThat(Embedders.folderSpec(dir).maxTokens()).isEqualTo(256);
        Files.writeString(dir.resolve("sentence_bert_config.json"), "{\"max_seq_length\": 1024}");
        Files.writeString(dir.resolve("config.json"), "{\"max_position_embeddings\": 512, \"hidden_size\": 384}");
        assertThat(Embedders.folderSpec(dir).maxTokens()).isEqualTo(512);
        Files.createDirectories(dir.resolve("1_Pooling"));
        Files.writeString(dir.resolve("1_Pooling/config.json"), "{\"pooling_mode_cls_token\": true}");
        assertThat(Embedders.folderSpec(dir).pooling()).isEqualTo(Pooling.CLS);
    }

    @Test
    void tokenizerConfigSentinelMeansNoLimit(@TempDir Path tmp) throws IOException {
        Path dir = miniLmFolder(tmp, "m");
        String json = Files.readString(dir.resolve("tokenizer.json")).replaceFirst("\"truncation\":\\s*\\{[^}]*}",
                "\"truncation\": null");
        Files.writeString(dir.resolve("tokenizer.json"), json);
        Files.writeString(dir.resolve("tokenizer_config.json"),
                "{\"model_max_length\": 1000000000000000019884624838656}");
        assertThat(Embedders.folderSpec(dir).maxTokens()).isEqualTo(Embedders.FALLBACK_MAX_TOKENS);
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"model_max_length\": 384}");
        assertThat(Embedders.folderSpec(dir).maxTokens()).isEqualTo(384);
    }

    @Test
    void opensAUserFolderAndEmbedsLikeTheBundledModel(@TempDir Path tmp) throws IOException {
        Path dir = miniLmFolder(tmp, "all-MiniLM-L6-v2");
        Files.writeString(dir.resolve("sentence_bert_config.json"), "{\"max_seq_length\": 256}");
        List<String> texts = Vectors.scifact(3);
        try (OnnxEmbedder custom = Embedders.open(dir.toString());
             OnnxEmbedder bundled = Embedders.open("all-minilm-l6-v2")) {
            assertThat(custom.name()).isEqualTo("onnx-all-minilm-l6-v2");
            assertThat(bundled.cacheKey()).isEqualTo("all-minilm-l6-v2");
            // the same folder name with other contents or settings must not reuse cached vectors
            assertThat(custom.cacheKey()).matches("onnx-all-minilm-l6-v2@[0-9a-f]{12}");
            assertThat(Embedders.folderSpec(dir).fingerprint()).isEqualTo(custom.cacheKey().substring(22));
            assertThat(Embedders.folderSpec(dir).withMaxTokens(128).fingerprint())
                    .isNotEqualTo(custom.cacheKey().substring(22));
            assertThat(Embedders.spec("all-minilm-l6-v2").withMaxTokens(128).fingerprint())
                    .isNotEqualTo(Embedders.spec("all-minilm-l6-v2").fingerprint());
            assertThat(custom.dimension()).isEqualTo(384);
            assertThat(custom.maxTokens()).isEqualTo(256);
            assertThat(custom.batching()).isEqualTo(Batching.DEFAULT); // fp32: no dynamic quantization
            List<float[]> a = custom.embedDocuments(texts, ProgressListener.NONE, Cancellation.none());
            List<float[]> b = bundled.embedDocuments(texts, ProgressListener.NONE, Cancellation.none());
            for (int i = 0; i < texts.size(); i++) {
                assertThat(cosine(a.get(i), b.get(i))).isGreaterThan(0.9999);
            }
            assertThat(custom.tokenizer().count(texts.getFirst())).isGreaterThan(100); // measuring: no truncation
        }
    }

    @Test
    void findsAnOperatorAcrossReadBoundaries() throws IOException {
        byte[] needle = "DynamicQuantizeLinear".getBytes();
        byte[] data = new byte[(1 << 20) + 100];
        System.arraycopy(needle, 0, data, (1 << 20) - 5, needle.length); // straddles the 1 MiB buffer
        assertThat(OnnxModel.contains(new java.io.ByteArrayInputStream(data), needle)).isTrue();
        assertThat(OnnxModel.contains(new java.io.ByteArrayInputStream(new byte[3 << 20]), needle)).isFalse();
    }
}
