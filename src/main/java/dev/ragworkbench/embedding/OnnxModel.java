package dev.ragworkbench.embedding;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.ragworkbench.progress.CancelledException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * A BERT-style ONNX model loaded for embedding: its onnxruntime session, the tokenizer that encodes its inputs
 * (truncating at the model's real limit, {@link ModelSpec#maxTokens()}, not at the 128 tokens baked into
 * LangChain4j's {@code tokenizer.json}), and the tokenizer that counts tokens for chunkers. One {@link #run} is
 * one model call on one batch. Thread-safe: onnxruntime sessions and DJL tokenizers allow concurrent use. Every
 * native call passes {@link NativeCalls}, so that neither {@link #close} nor the process's exit frees the session
 * under a thread inside it.
 */
final class OnnxModel implements AutoCloseable, NativeCalls.Releasable {

    /** The ONNX operator whose per-batch scale makes batching change results (see {@link Batching#SINGLE}). */
    static final byte[] DYNAMIC_QUANTIZATION = "DynamicQuantizeLinear".getBytes(StandardCharsets.US_ASCII);

    private final ModelSpec spec;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final HuggingFaceTokenizer encoder;
    private final HuggingFaceTextTokenizer measuring;
    private final boolean dynamicallyQuantized;
    private final boolean needsTokenTypes;
    private final String outputName;
    private final NativeCalls calls;

    private OnnxModel(ModelSpec spec, OrtEnvironment env, OrtSession session, HuggingFaceTokenizer encoder,
                      HuggingFaceTextTokenizer measuring, boolean dynamicallyQuantized) throws OrtException {
        this.spec = spec;
        this.env = env;
        this.session = session;
        this.encoder = encoder;
        this.measuring = measuring;
        this.dynamicallyQuantized = dynamicallyQuantized;
        Set<String> inputs = session.getInputNames();
        if (!inputs.contains("input_ids") || !inputs.contains("attention_mask")) {
            throw new IllegalArgumentException("model " + spec.model() + " is not a BERT-style encoder: its inputs are "
                    + inputs + ", expected input_ids and attention_mask");
        }
        this.needsTokenTypes = inputs.contains("token_type_ids");
        Set<String> outputs = session.getOutputNames();
        this.outputName = outputs.contains("last_hidden_state") ? "last_hidden_state" : outputs.iterator().next();
        this.calls = NativeCalls.of("model " + spec.name());
        NativeCalls.opened(this);
    }

    /** Loads the tokenizer and the model, with {@code sessionThreads} onnxruntime threads inside each call. */
    static OnnxModel load(ModelSpec spec, int sessionThreads) {
        // The whole load is one native call: a stop waits for createSession to return (it cannot be cut short)
        // and for what the loading thread does with its result, and a load that comes after a stop never starts.
        return NativeCalls.PROCESS.call(() -> loadInside(spec, sessionThreads));
    }

    private static OnnxModel loadInside(ModelSpec spec, int sessionThreads) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        HuggingFaceTokenizer encoder = null;
        HuggingFaceTextTokenizer measuring = null;
        OrtSession session = null;
        try {
            byte[] tokenizerJson;
            try (InputStream in = spec.tokenizer().open()) {
                tokenizerJson = in.readAllBytes();
            }
            // Truncation at the model's real limit, special tokens counted in it; no padding: batches pad themselves.
            encoder = HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(tokenizerJson), Map.of(
                    "addSpecialTokens", "true",
                    "truncation", "true",
                    "maxLength", Integer.toString(spec.maxTokens()),
                    "modelMaxLength", Integer.toString(spec.maxTokens()),
                    "padding", "false"));
            measuring = HuggingFaceTextTokenizer.load(new ByteArrayInputStream(tokenizerJson));
            boolean dynamic;
            try (var options = sessionOptions(sessionThreads)) {
                switch (spec.model()) {
                    // A user's file: onnxruntime reads it itself instead of it being copied through the Java heap.
                    case ModelSpec.File f -> {
                        try (InputStream in = f.open()) {
                            dynamic = contains(in, DYNAMIC_QUANTIZATION);
                        }
                        session = env.createSession(f.path().toString(), options);
                    }
                    // A jar resource has no file path, so bytes it is (inflating MiniLM's 90 MB takes about as long
                    // as creating the session).
                    case ModelSpec.Resource r -> {
                        byte[] bytes = r.readAll();
                        dynamic = contains(new ByteArrayInputStream(bytes), DYNAMIC_QUANTIZATION);
                        session = env.createSession(bytes, options);
                    }
                }
            }
            return new OnnxModel(spec, env, session, encoder, measuring, dynamic);
        } catch (IOException e) {
            closeQuietly(session, encoder, measuring);
            throw new UncheckedIOException("cannot load embedding model " + spec.name() + ": " + e.getMessage(), e);
        } catch (CancelledException e) {
            closeQuietly(session, encoder, measuring);
            throw e;
        } catch (OrtException | RuntimeException e) {
            closeQuietly(session, encoder, measuring);
            throw new IllegalStateException("cannot load embedding model " + spec.name() + " from " + spec.model()
                    + ": " + e.getMessage(), e);
        }
    }

    static OrtSession.SessionOptions sessionOptions(int sessionThreads) throws OrtException {
        var options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(sessionThreads);
        options.setInterOpNumThreads(1);
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        // Spinning intra-op threads burn a core while idle; on a shared 2-core machine that time is stolen
        // from the other workers (and from our own tokenizer and database threads).
        options.addConfigEntry("session.intra_op.allow_spinning", "0");
        return options;
    }

    /**
     * Whether the model's bytes hold {@code needle}. ONNX stores operator types as plain protobuf strings, so a
     * byte search finds them without an ONNX parser (onnxruntime's Java API does not list a graph's nodes).
     */
    static boolean contains(InputStream in, byte[] needle) throws IOException {
        byte[] buffer = new byte[1 << 20];
        int kept = 0; // bytes carried over from the previous read, so a match across reads is found
        for (int read; (read = in.read(buffer, kept, buffer.length - kept)) > 0; ) {
            int end = kept + read;
            outer:
            for (int i = 0; i + needle.length <= end; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (buffer[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return true;
            }
            kept = Math.min(needle.length - 1, end);
            System.arraycopy(buffer, end - kept, buffer, 0, kept);
        }
        return false;
    }

    /** Whether the graph quantizes activations per call, which makes a vector depend on its batch-mates. */
    boolean dynamicallyQuantized() {
        return dynamicallyQuantized;
    }

    HuggingFaceTextTokenizer measuring() {
        return measuring;
    }

    Encoding encode(String text) {
        return calls.call(() -> encoder.encode(text));
    }

    Encoding[] encode(String[] texts) {
        return calls.call(() -> encoder.batchEncode(texts));
    }

    /** One model call: pads to the longest encoding, runs, pools, normalises. */
    float[][] run(Encoding[] batch) {
        return calls.call(() -> runInside(batch));
    }

    private float[][] runInside(Encoding[] batch) {
        try (var padded = new PaddedBatch(env, batch, needsTokenTypes);
             OrtSession.Result result = session.run(padded.inputs, Set.of(outputName))) {
            OnnxTensor output = (OnnxTensor) result.get(0);
            long[] outShape = output.getInfo().getShape();
            FloatBuffer values = output.getFloatBuffer();
            float[][] vectors = outShape.length == 2
                    ? Pooling.alreadyPooled(values, padded.size, (int) outShape[1])
                    : spec.pooling().pool(values, padded.mask, padded.size, padded.length, (int) outShape[2]);
            for (float[] v : vectors) {
                Pooling.normalise(v);
            }
            return vectors;
        } catch (OrtException e) {
            throw new IllegalStateException("embedding model " + spec.name() + " failed: " + e.getMessage(), e);
        }
    }

    /** Waits for the calls running on this model (at most {@link NativeCalls#CLOSE_BOUND}), then frees it. */
    @Override
    public void close() {
        NativeCalls.close(calls, this);
    }

    @Override
    public void release() {
        closeQuietly(session, encoder, measuring);
    }

    private static void closeQuietly(OrtSession session, HuggingFaceTokenizer encoder,
                                     HuggingFaceTextTokenizer measuring) {
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
        if (measuring != null) {
            measuring.close();
        }
    }
}
