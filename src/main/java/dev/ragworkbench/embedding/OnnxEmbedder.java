package dev.ragworkbench.embedding;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.ragworkbench.progress.Cancellation;
import dev.ragworkbench.progress.CancelledException;
import dev.ragworkbench.progress.ProgressListener;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs a BERT-style ONNX model with onnxruntime. Unlike LangChain4j's bundled models, it truncates at the model's
 * real limit ({@link ModelSpec#maxTokens()}), not at the 128 tokens baked into their {@code tokenizer.json}.
 *
 * <p>Texts are tokenized once, sorted by length and cut into batches that are padded only to their longest member,
 * so short texts do not pay for long ones. Thread-safe: onnxruntime sessions and DJL tokenizers allow concurrent
 * use, and the only mutable state lives in each call.
 */
public final class OnnxEmbedder implements Embedder {

    /**
     * How texts are grouped into model calls: at most {@code maxTexts} texts and {@code maxTokens} padded tokens.
     *
     * <p>Big batches are slower here, not faster. MiniLM over the first 60 SciFact abstracts (~250 tokens each) on
     * this 2-core EPYC shared with other workers (so noisy; two runs each). Load average ~11, two workers: one text
     * per call 15.6 and 7.0 texts/s, 32 texts / 1024 tokens 6.5 and 5.4, 32 / 8192 tokens 2.7 and 3.8. Load ~6,
     * intra-op: one text per call 21.1 and 23.0, 32 / 256 tokens 17.7 and 19.5, 32 / 2048 11.4 and 11.5, 32 / 8192
     * 12.0 and 7.2. For 80-character texts batching pays: 215 and 187 texts/s at 32 / 256 vs 116 and 169 one by one.
     * Hence the {@link #DEFAULT}: long texts run alone, short ones share a call up to 256 padded tokens.
     */
    record Batching(int maxTexts, int maxTokens) {
        static final Batching DEFAULT = new Batching(32, 256);
        /**
         * For dynamically quantized models (int8 MiniLM, int8 BGE): their DynamicQuantizeLinear picks one scale
         * per tensor, i.e. over the whole batch, so a text's vector depended on its batch-mates (cosine to the
         * text embedded alone down to 0.989 for MiniLM-q in batches of 32). One text per call makes vectors
         * independent of batching, hence reproducible and cacheable.
         */
        static final Batching SINGLE = new Batching(1, Integer.MAX_VALUE);
    }

    /**
     * How the model uses the CPU: {@code sessionThreads} onnxruntime threads inside each model call, and
     * {@code workers} Java threads running different batches at once through the same session.
     */
    public record Threading(int sessionThreads, int workers) {
        public Threading {
            if (sessionThreads < 1 || workers < 1) {
                throw new IllegalArgumentException("threads must be >= 1: " + sessionThreads + ", " + workers);
            }
        }

        /** One model call per core, each single-threaded, working on different batches. */
        public static Threading perCore() {
            return new Threading(1, Runtime.getRuntime().availableProcessors());
        }

        /** One model call at a time, using every core inside it. */
        public static Threading intraOp() {
            return new Threading(Runtime.getRuntime().availableProcessors(), 1);
        }

        /**
         * The faster of the two on this machine, or as fast. SciFact documents, 2-core EPYC shared with other
         * workers (noisy). Load average ~11, 500 documents: MiniLM 17.9 texts/s with {@link #intraOp()} vs 9.4 with
         * {@link #perCore()}, MiniLM-q 33.9 vs 18.9. Load ~3-6, 300 documents: MiniLM 14.8 vs 15.5, MiniLM-q 29.1
         * vs 24.2. Intra-op also needs no extra Java threads.
         */
        public static Threading defaults() {
            return intraOp();
        }
    }

    private final ModelSpec spec;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final HuggingFaceTokenizer encoder;
    private final HuggingFaceTextTokenizer measuring;
    private final boolean needsTokenTypes;
    private final String outputName;
    private final int dimension;
    private final Threading threading;
    private final Batching batching;
    private final String cacheKey;
    /** Runs the extra workers; the calling thread is always one of the workers. Null with a single worker. */
    private final ExecutorService pool;

    private OnnxEmbedder(ModelSpec spec, OrtEnvironment env, OrtSession session, HuggingFaceTokenizer encoder,
                         HuggingFaceTextTokenizer measuring, Threading threading, Batching batching)
            throws OrtException {
        this.spec = spec;
        this.batching = batching;
        this.cacheKey = Embedders.isBundled(spec) ? spec.name() : spec.name() + "@" + spec.fingerprint();
        this.env = env;
        this.session = session;
        this.encoder = encoder;
        this.measuring = measuring;
        this.threading = threading;
        Set<String> inputs = session.getInputNames();
        if (!inputs.contains("input_ids") || !inputs.contains("attention_mask")) {
            throw new IllegalArgumentException("model " + spec.model() + " is not a BERT-style encoder: its inputs are "
                    + inputs + ", expected input_ids and attention_mask");
        }
        this.needsTokenTypes = inputs.contains("token_type_ids");
        Set<String> outputs = session.getOutputNames();
        this.outputName = outputs.contains("last_hidden_state") ? "last_hidden_state" : outputs.iterator().next();
        this.pool = threading.workers() > 1
                ? Executors.newFixedThreadPool(threading.workers() - 1, Thread.ofPlatform().daemon()
                        .name("embed-" + spec.name() + "-", 1).factory())
                : null;
        // One real call gives the dimension whatever the model declares (often a dynamic -1) and warms it up.
        this.dimension = embedBatch(new Encoding[]{encoder.encode("warm up")})[0].length;
    }

    /** Loads a model with the default threading. */
    public static OnnxEmbedder open(ModelSpec spec) {
        return open(spec, Threading.defaults());
    }

    public static OnnxEmbedder open(ModelSpec spec, Threading threading) {
        return open(spec, threading, null);
    }

    /** With {@code batching} null, chosen from the model: {@link Batching#SINGLE} if dynamically quantized. */
    static OnnxEmbedder open(ModelSpec spec, Threading threading, Batching batching) {
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
            var loaded = createSession(env, spec.model(), threading);
            session = loaded.session();
            if (batching == null) {
                batching = loaded.dynamicallyQuantized() ? Batching.SINGLE : Batching.DEFAULT;
            }
            return new OnnxEmbedder(spec, env, session, encoder, measuring, threading, batching);
        } catch (IOException e) {
            closeQuietly(session, encoder, measuring);
            throw new UncheckedIOException("cannot load embedding model " + spec.name() + ": " + e.getMessage(), e);
        } catch (OrtException | RuntimeException e) {
            closeQuietly(session, encoder, measuring);
            throw new IllegalStateException("cannot load embedding model " + spec.name() + " from " + spec.model()
                    + ": " + e.getMessage(), e);
        }
    }

    private record Loaded(OrtSession session, boolean dynamicallyQuantized) {
    }

    private static Loaded createSession(OrtEnvironment env, ModelSpec.Source model, Threading threading)
            throws OrtException, IOException {
        try (var options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(threading.sessionThreads());
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            // Spinning intra-op threads burn a core while idle; on a shared 2-core machine that time is stolen
            // from the other workers (and from our own tokenizer and database threads).
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            return switch (model) {
                // A user's file: onnxruntime reads it itself instead of it being copied through the Java heap.
                case ModelSpec.File f -> {
                    boolean dynamic;
                    try (InputStream in = f.open()) {
                        dynamic = contains(in, DYNAMIC_QUANTIZATION);
                    }
                    yield new Loaded(env.createSession(f.path().toString(), options), dynamic);
                }
                // A jar resource has no file path, so bytes it is. MiniLM (90 MB, deflated in the jar), measured under
                // load: inflating 0.7-0.9 s, scan 0.1-0.3 s, session 0.8-1.0 s; whole open() 1.6-2.7 s.
                case ModelSpec.Resource r -> {
                    byte[] bytes = r.readAll();
                    boolean dynamic = contains(new ByteArrayInputStream(bytes), DYNAMIC_QUANTIZATION);
                    yield new Loaded(env.createSession(bytes, options), dynamic);
                }
            };
        }
    }

    /** The ONNX operator whose per-batch scale makes batching change results (see {@link Batching#SINGLE}). */
    private static final byte[] DYNAMIC_QUANTIZATION = "DynamicQuantizeLinear".getBytes(StandardCharsets.US_ASCII);

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

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public int maxTokens() {
        return spec.maxTokens();
    }

    @Override
    public TextTokenizer tokenizer() {
        return measuring;
    }

    /** The bare name for a bundled model as shipped; {@code name@fingerprint} for anything else. */
    @Override
    public String cacheKey() {
        return cacheKey;
    }

    public ModelSpec spec() {
        return spec;
    }

    public Pooling pooling() {
        return spec.pooling();
    }

    public Threading threading() {
        return threading;
    }

    Batching batching() {
        return batching;
    }

    @Override
    public float[] embedQuery(String query) {
        return embedBatch(new Encoding[]{encoder.encode(spec.queryPrefix() + query)})[0];
    }

    @Override
    public List<float[]> embedDocuments(List<String> texts, ProgressListener progress, Cancellation cancellation) {
        int n = texts.size();
        if (n == 0) {
            return List.of();
        }
        Thread caller = Thread.currentThread();
        // Workers are pool threads: an interrupt of the caller must reach them through this check.
        Runnable checkCancelled = () -> {
            if (cancellation.isCancelled() || caller.isInterrupted()) {
                throw new CancelledException();
            }
        };
        checkCancelled.run();
        progress.progress("embed", 0, n);
        Encoding[] encodings = encoder.batchEncode(texts.toArray(String[]::new));
        List<int[]> batches = batches(encodings, batching);

        float[][] vectors = new float[n][];
        AtomicInteger nextBatch = new AtomicInteger();
        AtomicLong done = new AtomicLong();
        Runnable work = () -> {
            for (int b; (b = nextBatch.getAndIncrement()) < batches.size(); ) {
                checkCancelled.run();
                int[] members = batches.get(b);
                Encoding[] batch = new Encoding[members.length];
                for (int i = 0; i < members.length; i++) {
                    batch[i] = encodings[members[i]];
                }
                float[][] out = embedBatch(batch);
                for (int i = 0; i < members.length; i++) {
                    vectors[members[i]] = out[i];
                }
                progress.progress("embed", done.addAndGet(members.length), n);
            }
        };
        runOnWorkers(work, nextBatch, batches.size());
        return Arrays.asList(vectors);
    }

    /** Runs {@code work} on the caller plus the pool's threads; the first failure stops the others and is thrown. */
    private void runOnWorkers(Runnable work, AtomicInteger nextBatch, int batchCount) {
        int extra = pool == null ? 0 : Math.min(threading.workers() - 1, batchCount - 1);
        var futures = new ArrayList<Future<?>>(extra);
        for (int i = 0; i < extra; i++) {
            futures.add(pool.submit(work));
        }
        RuntimeException failure = null;
        try {
            work.run();
        } catch (RuntimeException e) {
            failure = e;
            nextBatch.set(batchCount); // the others stop after their current batch
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (ExecutionException e) {
                nextBatch.set(batchCount);
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException re ? re
                            : new IllegalStateException("embedding failed: " + e.getCause(), e.getCause());
                }
            } catch (InterruptedException e) {
                nextBatch.set(batchCount);
                Thread.currentThread().interrupt();
                if (failure == null) {
                    failure = new CancelledException();
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Batches of indexes into {@code encodings}: sorted by token count so each batch pads to a length close to
     * all its members, within the {@link Batching} limits.
     */
    static List<int[]> batches(Encoding[] encodings, Batching batching) {
        Integer[] order = new Integer[encodings.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(encodings[a].getIds().length, encodings[b].getIds().length));
        var batches = new ArrayList<int[]>();
        var current = new ArrayList<Integer>();
        for (int index : order) {
            int length = encodings[index].getIds().length; // ascending, so the longest in the batch so far
            if (!current.isEmpty()
                    && (current.size() == batching.maxTexts() || (long) (current.size() + 1) * length > batching.maxTokens())) {
                batches.add(current.stream().mapToInt(Integer::intValue).toArray());
                current.clear();
            }
            current.add(index);
        }
        batches.add(current.stream().mapToInt(Integer::intValue).toArray());
        return batches;
    }

    /** One model call: pads to the longest encoding, runs, pools, normalises. */
    private float[][] embedBatch(Encoding[] batch) {
        int size = batch.length;
        int length = 0;
        for (Encoding e : batch) {
            length = Math.max(length, e.getIds().length);
        }
        long[] ids = new long[size * length];
        long[] mask = new long[size * length];
        long[] types = needsTokenTypes ? new long[size * length] : null;
        for (int i = 0; i < size; i++) {
            long[] tokenIds = batch[i].getIds();
            System.arraycopy(tokenIds, 0, ids, i * length, tokenIds.length);
            Arrays.fill(mask, i * length, i * length + tokenIds.length, 1L);
            if (types != null) {
                long[] typeIds = batch[i].getTypeIds();
                System.arraycopy(typeIds, 0, types, i * length, typeIds.length);
            }
        }
        long[] shape = {size, length};
        var inputs = new HashMap<String, OnnxTensor>();
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape));
            inputs.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
            if (types != null) {
                inputs.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(types), shape));
            }
            try (OrtSession.Result result = session.run(inputs, Set.of(outputName))) {
                OnnxTensor output = (OnnxTensor) result.get(0);
                long[] outShape = output.getInfo().getShape();
                FloatBuffer values = output.getFloatBuffer();
                float[][] vectors = outShape.length == 2
                        ? alreadyPooled(values, size, (int) outShape[1])
                        : pool(values, mask, size, length, (int) outShape[2]);
                for (float[] v : vectors) {
                    normalise(v);
                }
                return vectors;
            }
        } catch (OrtException e) {
            throw new IllegalStateException("embedding model " + spec.name() + " failed: " + e.getMessage(), e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    /** Some exports output the sentence vector directly ([batch, hidden]); it only needs normalising. */
    private static float[][] alreadyPooled(FloatBuffer values, int size, int hidden) {
        float[][] vectors = new float[size][hidden];
        for (int i = 0; i < size; i++) {
            values.get(i * hidden, vectors[i]);
        }
        return vectors;
    }

    /** Pools [batch, length, hidden] token vectors; padding positions (mask 0) never count. */
    private float[][] pool(FloatBuffer values, long[] mask, int size, int length, int hidden) {
        float[][] vectors = new float[size][hidden];
        for (int i = 0; i < size; i++) {
            float[] v = vectors[i];
            int base = i * length * hidden;
            if (spec.pooling() == Pooling.CLS) {
                values.get(base, v); // position 0 is [CLS]
                continue;
            }
            int count = 0;
            for (int t = 0; t < length; t++) {
                if (mask[i * length + t] == 0) {
                    continue;
                }
                count++;
                int offset = base + t * hidden;
                for (int h = 0; h < hidden; h++) {
                    v[h] += values.get(offset + h);
                }
            }
            for (int h = 0; h < hidden; h++) {
                v[h] /= count;
            }
        }
        return vectors;
    }

    static void normalise(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += (double) x * x;
        }
        double norm = Math.sqrt(sum);
        if (norm > 0) {
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (v[i] / norm);
            }
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
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

    @Override
    public String toString() {
        return "OnnxEmbedder[" + spec.name() + ", " + dimension + "-d, " + spec.maxTokens() + " tokens, "
                + spec.pooling() + ", " + threading + "]";
    }
}
