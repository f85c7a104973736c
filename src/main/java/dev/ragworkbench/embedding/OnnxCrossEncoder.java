package dev.ragworkbench.embedding;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.util.PairList;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.ragworkbench.progress.CancelledException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A cross-encoder: a BERT-style ONNX model that reads a query and a passage together ({@code [CLS] query [SEP]
 * passage [SEP]}, the passage's tokens of type 1) and gives one logit, the pair's relevance. It is what
 * sentence-transformers' {@code CrossEncoder} runs, with onnxruntime and the DJL tokenizer the embedders use, so
 * it needs no other runtime. A user's folder holds {@code model.onnx} and {@code tokenizer.json}; anything else
 * is refused at {@link #open} with a message saying what was expected. Thread-safe; every native call passes
 * {@link NativeCalls}, as the embedders' do.
 */
public final class OnnxCrossEncoder implements AutoCloseable, NativeCalls.Releasable {

    private static final String EXPECTED = "expected a cross-encoder: a folder holding model.onnx (inputs input_ids"
            + " and attention_mask, one logit per query-passage pair) and its tokenizer.json";

    private final Path folder;
    private final int maxTokens;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final HuggingFaceTokenizer encoder;
    private final boolean needsTokenTypes;
    private final String outputName;
    private final Batching batching;
    private final NativeCalls calls;

    private OnnxCrossEncoder(Path folder, int maxTokens, OrtEnvironment env, OrtSession session,
                             HuggingFaceTokenizer encoder, boolean dynamicallyQuantized) throws OrtException {
        this.folder = folder;
        this.maxTokens = maxTokens;
        this.env = env;
        this.session = session;
        this.encoder = encoder;
        Set<String> inputs = session.getInputNames();
        if (!inputs.contains("input_ids") || !inputs.contains("attention_mask")) {
            throw new IllegalArgumentException(folder.resolve("model.onnx") + " takes inputs " + inputs + "; "
                    + EXPECTED);
        }
        this.needsTokenTypes = inputs.contains("token_type_ids");
        Set<String> outputs = session.getOutputNames();
        this.outputName = outputs.contains("logits") ? "logits" : outputs.iterator().next();
        // As for embedders: a per-batch quantization scale would make a pair's score depend on its batch-mates.
        this.batching = dynamicallyQuantized ? Batching.SINGLE : Batching.DEFAULT;
        this.calls = NativeCalls.of("cross-encoder " + folder);
    }

    /**
     * Loads the cross-encoder in {@code folder}, with every core inside each model call. Throws
     * IllegalArgumentException, naming the path and what was expected, for a path that is no such model: missing,
     * a file, a folder without the two files, a file onnxruntime cannot read, or a model whose output is not one
     * logit per pair (an embedding model's token vectors, say).
     */
    public static OnnxCrossEncoder open(Path folder) {
        Path dir = folder.toAbsolutePath().normalize();
        if (!Files.exists(dir)) {
            throw new IllegalArgumentException("no cross-encoder at " + dir + ": it does not exist; " + EXPECTED);
        }
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + " is a file; " + EXPECTED);
        }
        for (String file : List.of("model.onnx", "tokenizer.json")) {
            if (!Files.isRegularFile(dir.resolve(file))) {
                throw new IllegalArgumentException("folder " + dir + " has no " + file + "; " + EXPECTED);
            }
        }
        // The token limit as for a user's embedder folder: the tokenizer's or config's, never past the positions.
        int maxTokens = Embedders.folderSpec(dir).maxTokens();
        OnnxCrossEncoder model = NativeCalls.PROCESS.call(() -> load(dir, maxTokens));
        try {
            model.checkOutput();
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
        return model;
    }

    private static OnnxCrossEncoder load(Path dir, int maxTokens) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        HuggingFaceTokenizer encoder = null;
        OrtSession session = null;
        try {
            try (InputStream json = Files.newInputStream(dir.resolve("tokenizer.json"))) {
                encoder = HuggingFaceTokenizer.newInstance(json, Map.of(
                        "addSpecialTokens", "true",
                        "truncation", "true", // longest first: query and passage share the limit, as in training
                        "maxLength", Integer.toString(maxTokens),
                        "modelMaxLength", Integer.toString(maxTokens),
                        "padding", "false"));
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException(dir.resolve("tokenizer.json") + " is not a Hugging Face tokenizer"
                        + " (" + e.getMessage() + "); " + EXPECTED, e);
            }
            Path modelFile = dir.resolve("model.onnx");
            boolean dynamic;
            try (InputStream in = Files.newInputStream(modelFile)) {
                dynamic = OnnxModel.contains(in, OnnxModel.DYNAMIC_QUANTIZATION);
            }
            try (var options = OnnxModel.sessionOptions(Runtime.getRuntime().availableProcessors())) {
                session = env.createSession(modelFile.toString(), options);
            } catch (OrtException e) {
                throw new IllegalArgumentException(modelFile + " is not an ONNX model onnxruntime can load ("
                        + firstLine(e.getMessage()) + "); " + EXPECTED, e);
            }
            var model = new OnnxCrossEncoder(dir, maxTokens, env, session, encoder, dynamic);
            NativeCalls.opened(model);
            return model;
        } catch (IOException e) {
            closeQuietly(session, encoder);
            throw new IllegalArgumentException("cannot read " + dir + ": " + e.getMessage(), e);
        } catch (OrtException | RuntimeException e) {
            closeQuietly(session, encoder);
            if (e instanceof IllegalArgumentException || e instanceof CancelledException) {
                throw (RuntimeException) e;
            }
            throw new IllegalArgumentException("cannot load the cross-encoder in " + dir + ": " + e.getMessage()
                    + "; " + EXPECTED, e);
        }
    }

    /** One real call: the output must be one number per pair ({@code [batch]} or {@code [batch, 1]}). */
    private void checkOutput() {
        long[] shape = calls.call(() -> {
            Encoding e = encoder.encode("query", "passage");
            try (var result = runRaw(new Encoding[]{e})) {
                return ((OnnxTensor) result.get(0)).getInfo().getShape();
            } catch (OrtException ex) {
                throw new IllegalArgumentException(folder.resolve("model.onnx") + " failed on a query-passage pair ("
                        + firstLine(ex.getMessage()) + "); " + EXPECTED, ex);
            }
        });
        boolean oneLogit = shape.length == 1 || (shape.length == 2 && shape[1] == 1);
        if (!oneLogit) {
            String looksLike = shape.length == 3 ? " (token vectors: an embedding model, not a cross-encoder)" : "";
            throw new IllegalArgumentException(folder.resolve("model.onnx") + " gives output '" + outputName
                    + "' of shape " + Arrays.toString(shape) + " for one pair" + looksLike + "; " + EXPECTED);
        }
    }

    /** The folder it was loaded from. */
    public Path folder() {
        return folder;
    }

    /** Tokens of a query-passage pair the model reads, special tokens included; longer pairs are cut. */
    public int maxTokens() {
        return maxTokens;
    }

    /** The logit of each {@code (query, passage)} pair, in the passages' order; higher is more relevant. */
    public double[] score(String query, List<String> passages) {
        if (passages.isEmpty()) {
            return new double[0];
        }
        var pairs = new PairList<String, String>(passages.size());
        for (String p : passages) {
            pairs.add(query, p);
        }
        Encoding[] encodings = calls.call(() -> encoder.batchEncode(pairs));
        double[] scores = new double[encodings.length];
        for (int[] members : batching.plan(encodings)) {
            Encoding[] batch = new Encoding[members.length];
            for (int i = 0; i < members.length; i++) {
                batch[i] = encodings[members[i]];
            }
            float[] logits = calls.call(() -> {
                try (var result = runRaw(batch)) {
                    FloatBuffer values = ((OnnxTensor) result.get(0)).getFloatBuffer();
                    float[] out = new float[values.remaining()];
                    values.get(out);
                    return out;
                } catch (OrtException e) {
                    throw new IllegalStateException("cross-encoder " + folder + " failed: " + e.getMessage(), e);
                }
            });
            for (int i = 0; i < members.length; i++) {
                scores[members[i]] = logits[i];
            }
        }
        return scores;
    }

    /** One model call on a batch, padded to its longest pair; the caller closes the result. */
    private OrtSession.Result runRaw(Encoding[] batch) throws OrtException {
        try (var padded = new PaddedBatch(env, batch, needsTokenTypes)) {
            return session.run(padded.inputs, Set.of(outputName));
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no detail";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).strip();
    }

    /** Waits for the calls running on it (at most {@link NativeCalls#CLOSE_BOUND}), then frees it. */
    @Override
    public void close() {
        NativeCalls.close(calls, this);
    }

    @Override
    public void release() {
        closeQuietly(session, encoder);
    }

    private static void closeQuietly(OrtSession session, HuggingFaceTokenizer encoder) {
        try {
            if (session != null) {
                session.close();
            }
        } catch (OrtException ignored) {
            // nothing left to release that the process exit would not
        }
        if (encoder != null) {
            encoder.close();
        }
    }

    @Override
    public String toString() {
        return "OnnxCrossEncoder[" + folder + ", " + maxTokens + " tokens]";
    }
}
