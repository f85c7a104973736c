package dev.ragworkbench.embedding;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Cross-encoder folders for tests and benchmarks, written here because none is bundled and nothing beyond Maven
 * Central can be fetched. ONNX files are protobuf, so a few lines of protobuf encoding make them; both models
 * take {@code input_ids}, {@code attention_mask} and {@code token_type_ids} and give {@code logits [batch, 1]},
 * and both use MiniLM's (BERT uncased) {@code tokenizer.json}.
 */
public final class TestCrossEncoders {
    private TestCrossEncoders() {
    }

    /** The BERT uncased vocabulary size of MiniLM's tokenizer. */
    static final int VOCAB = 30522;

    /**
     * A model whose logit counts the passage's tokens (type 1, unmasked) that are {@code tokenId}: it scores only
     * when query and passage are encoded as a pair, so it tells a pair encoding from a single text.
     */
    public static Path counting(Path dir, long tokenId) {
        float[] weights = new float[VOCAB];
        weights[(int) tokenId] = 1;
        var graph = new Proto()
                .message(1, node("Gather", new String[]{"w", "input_ids"}, "g"))
                .message(1, node("Cast", new String[]{"attention_mask"}, "m").message(5, intAttribute("to", 1)))
                .message(1, node("Cast", new String[]{"token_type_ids"}, "t").message(5, intAttribute("to", 1)))
                .message(1, node("Mul", new String[]{"g", "m"}, "gm"))
                .message(1, node("Mul", new String[]{"gm", "t"}, "gmt"))
                .message(1, node("ReduceSum", new String[]{"gmt", "axes"}, "logits")
                        .message(5, intAttribute("keepdims", 1)))
                .string(2, "counting-cross-encoder")
                .message(5, floatTensor("w", weights, VOCAB))
                .message(5, int64Tensor("axes", new long[]{1}, 1))
                .message(11, valueInfo("input_ids", 7, "batch", "tokens"))
                .message(11, valueInfo("attention_mask", 7, "batch", "tokens"))
                .message(11, valueInfo("token_type_ids", 7, "batch", "tokens"))
                .message(12, valueInfo("logits", 1, "batch", 1));
        var model = new Proto().varint(1, 7).string(2, "rag-workbench tests")
                .message(7, graph).message(8, new Proto().string(1, "").varint(2, 13));
        return write(dir, model.bytes());
    }

    /**
     * A cross-encoder of the shape of {@code cross-encoder/ms-marco-MiniLM-L-6-v2}: the bundled all-MiniLM-L6-v2
     * encoder with a linear head on the [CLS] vector (seeded random weights). Its scores mean nothing; its cost
     * per pair is that of the real model (the same 6-layer, 384-wide BERT), which is what a benchmark needs.
     * Protobuf merges a repeated message field, so the head is a second {@code graph} appended to the model.
     */
    public static Path miniLmShaped(Path dir) {
        byte[] encoder;
        try (InputStream in = TestCrossEncoders.class.getResourceAsStream("/all-minilm-l6-v2.onnx")) {
            encoder = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var random = new Random(11);
        float[] head = new float[384];
        for (int i = 0; i < head.length; i++) {
            head[i] = (float) (random.nextGaussian() * 0.05);
        }
        var graph = new Proto()
                .message(1, node("Gather", new String[]{"last_hidden_state", "rerank_head_cls"}, "rerank_head_vector")
                        .message(5, intAttribute("axis", 1)))
                .message(1, node("MatMul", new String[]{"rerank_head_vector", "rerank_head_w"}, "logits"))
                .message(5, int64Tensor("rerank_head_cls", new long[]{0}))
                .message(5, floatTensor("rerank_head_w", head, 384, 1))
                .message(12, valueInfo("logits", 1, "batch", 1));
        var out = new ByteArrayOutputStream();
        out.writeBytes(encoder);
        out.writeBytes(new Proto().message(7, graph).bytes());
        // LangChain4j's tokenizer.json truncates at 128; the real cross-encoder reads 512 tokens, and so does this.
        return write(dir, out.toByteArray(), false);
    }

    private static Path write(Path dir, byte[] model) {
        return write(dir, model, true);
    }

    private static Path write(Path dir, byte[] model, boolean keepTruncation) {
        try (InputStream tokenizer = TestCrossEncoders.class.getResourceAsStream("/all-minilm-l6-v2-tokenizer.json")) {
            Files.createDirectories(dir);
            Files.write(dir.resolve("model.onnx"), model);
            var json = new com.fasterxml.jackson.databind.ObjectMapper();
            var tree = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(tokenizer);
            if (!keepTruncation) {
                tree.putNull("truncation");
            }
            json.writeValue(dir.resolve("tokenizer.json").toFile(), tree);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Proto node(String op, String[] inputs, String output) {
        var node = new Proto();
        for (String in : inputs) {
            node.string(1, in);
        }
        return node.string(2, output).string(3, op + "_" + output).string(4, op);
    }

    private static Proto intAttribute(String name, long value) {
        return new Proto().string(1, name).varint(3, value).varint(20, 2);
    }

    private static Proto floatTensor(String name, float[] values, long... dims) {
        var raw = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            raw.putFloat(v);
        }
        return tensor(name, 1, raw.array(), dims);
    }

    /** {@code dims} empty for a scalar. */
    private static Proto int64Tensor(String name, long[] values, long... dims) {
        var raw = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            raw.putLong(v);
        }
        return tensor(name, 7, raw.array(), dims);
    }

    private static Proto tensor(String name, int dataType, byte[] raw, long... dims) {
        var t = new Proto();
        for (long d : dims) {
            t.varint(1, d);
        }
        return t.varint(2, dataType).string(8, name).bytes(9, raw);
    }

    /** A tensor's name, element type (1 float, 7 int64) and dims: a String is a named dim, a number a size. */
    private static Proto valueInfo(String name, int elemType, Object... dims) {
        var shape = new Proto();
        for (Object d : dims) {
            shape.message(1, d instanceof String s ? new Proto().string(2, s) : new Proto().varint(1, ((Number) d).longValue()));
        }
        var tensorType = new Proto().varint(1, elemType).message(2, shape);
        return new Proto().string(1, name).message(2, new Proto().message(1, tensorType));
    }

    /** Protobuf's wire format, the two field types ONNX needs: varints (0) and length-delimited bytes (2). */
    static final class Proto {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Proto varint(int field, long value) {
            raw((long) field << 3);
            raw(value);
            return this;
        }

        Proto bytes(int field, byte[] value) {
            raw(((long) field << 3) | 2);
            raw(value.length);
            out.writeBytes(value);
            return this;
        }

        Proto string(int field, String value) {
            return bytes(field, value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        Proto message(int field, Proto value) {
            return bytes(field, value.bytes());
        }

        byte[] bytes() {
            return out.toByteArray();
        }

        private void raw(long v) {
            while ((v & ~0x7FL) != 0) {
                out.write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            out.write((int) v);
        }
    }
}
