package dev.ragworkbench.embedding;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A cross-encoder folder is run as query-passage pairs, and anything that is not one is refused saying why. */
class OnnxCrossEncoderTest {

    @TempDir
    Path dir;

    static long tokenId(String word) throws Exception {
        try (InputStream json = OnnxCrossEncoderTest.class.getResourceAsStream("/all-minilm-l6-v2-tokenizer.json");
             var tokenizer = HuggingFaceTokenizer.newInstance(json, Map.of("addSpecialTokens", "false"))) {
            long[] ids = tokenizer.encode(word).getIds();
            assertThat(ids).as("'%s' is one token", word).hasSize(1);
            return ids[0];
        }
    }

    @Test
    void queryAndPassageAreOnePairAndTheLogitIsTheScore() throws Exception {
        // The model counts "bone" among the passage's tokens (type 1): the query's own "bone" must not count.
        Path folder = TestCrossEncoders.counting(dir.resolve("ce"), tokenId("bone"));
        try (var model = OnnxCrossEncoder.open(folder)) {
            double[] scores = model.score("bone fractures", List.of(
                    "No match here.",
                    "Bone density and bone fractures in the elderly.",
                    "A broken bone heals.",
                    "Bone, bone, bone."));
            assertThat(scores).containsExactly(0, 2, 1, 3);
            assertThat(model.score("bone", List.of())).isEmpty();
            // Batched by length, scored alone: the same numbers (a float model does not depend on batch-mates).
            assertThat(model.score("bone", List.of("Bone, bone, bone."))).containsExactly(3);
        }
    }

    @Test
    void aMiniLmShapedCrossEncoderLoadsAndScoresEveryPair() {
        Path folder = TestCrossEncoders.miniLmShaped(dir.resolve("minilm-ce"));
        try (var model = OnnxCrossEncoder.open(folder)) {
            double[] scores = model.score("vitamin D and fractures", List.of("Vitamin D supplements.", "Stem cells."));
            assertThat(scores).hasSize(2);
            assertThat(scores[0]).isNotEqualTo(scores[1]);
            assertThat(model.maxTokens()).isEqualTo(512); // no limit in its tokenizer.json: BERT's 512 positions
        }
    }

    @Test
    void whatIsNotACrossEncoderIsRefusedSayingWhatWasExpected() throws Exception {
        String expected = "expected a cross-encoder: a folder holding model.onnx";
        assertThatThrownBy(() -> OnnxCrossEncoder.open(dir.resolve("nowhere")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not exist")
                .hasMessageContaining(expected);

        Path file = Files.writeString(dir.resolve("model.onnx"), "not a model");
        assertThatThrownBy(() -> OnnxCrossEncoder.open(file))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is a file")
                .hasMessageContaining(expected);

        Path noTokenizer = Files.createDirectories(dir.resolve("no-tokenizer"));
        Files.writeString(noTokenizer.resolve("model.onnx"), "x");
        assertThatThrownBy(() -> OnnxCrossEncoder.open(noTokenizer))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has no tokenizer.json")
                .hasMessageContaining(expected);

        Path garbage = TestCrossEncoders.counting(dir.resolve("garbage"), 1);
        Files.writeString(garbage.resolve("model.onnx"), "this is text, not protobuf");
        assertThatThrownBy(() -> OnnxCrossEncoder.open(garbage))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not an ONNX model onnxruntime can load")
                .hasMessageContaining(expected);

        // An embedding model's folder: loads, but gives token vectors, not one logit per pair.
        Path embedder = Files.createDirectories(dir.resolve("embedder"));
        try (InputStream m = getClass().getResourceAsStream("/all-minilm-l6-v2-q.onnx");
             InputStream t = getClass().getResourceAsStream("/all-minilm-l6-v2-q-tokenizer.json")) {
            Files.write(embedder.resolve("model.onnx"), m.readAllBytes());
            Files.write(embedder.resolve("tokenizer.json"), t.readAllBytes());
        }
        assertThatThrownBy(() -> OnnxCrossEncoder.open(embedder))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("an embedding model, not a cross-encoder")
                .hasMessageContaining(expected);
    }
}
