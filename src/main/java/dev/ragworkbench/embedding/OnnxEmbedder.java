package dev.ragworkbench.embedding;

import ai.djl.huggingface.tokenizers.Encoding;
import dev.ragworkbench.progress.Cancellation;
import dev.ragworkbench.progress.CancelledException;
import dev.ragworkbench.progress.ProgressListener;
import dev.ragworkbench.progress.Stages;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs a BERT-style ONNX model with onnxruntime as an {@link Embedder}. The parts are one class each:
 * {@link OnnxModel} loads the model and makes one call, {@link Batching} plans which texts share a call,
 * {@link EmbeddingWorkers} runs calls on several threads, {@link Pooling} turns token vectors into one.
 * Thread-safe: the only mutable state lives in each call.
 */
public final class OnnxEmbedder implements Embedder {

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
         * The faster of the two on the machines measured, or as fast (see the README's embedding figures); intra-op
         * also needs no extra Java threads.
         */
        public static Threading defaults() {
            return intraOp();
        }
    }

    private final ModelSpec spec;
    private final OnnxModel model;
    private final Threading threading;
    private final Batching batching;
    private final EmbeddingWorkers workers;
    private final String cacheKey;
    private final int dimension;

    private OnnxEmbedder(ModelSpec spec, OnnxModel model, Threading threading, Batching batching) {
        this.spec = spec;
        this.model = model;
        this.threading = threading;
        this.batching = batching;
        this.cacheKey = Embedders.isBundled(spec) ? spec.name() : spec.name() + "@" + spec.fingerprint();
        this.workers = new EmbeddingWorkers(spec.name(), threading.workers());
        try {
            // One real call gives the dimension whatever the model declares (often a dynamic -1) and warms it up.
            this.dimension = model.run(new Encoding[]{model.encode("warm up")})[0].length;
        } catch (RuntimeException e) {
            workers.close();
            throw e;
        }
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
        OnnxModel model = OnnxModel.load(spec, threading.sessionThreads());
        try {
            Batching chosen = batching != null ? batching
                    : model.dynamicallyQuantized() ? Batching.SINGLE : Batching.DEFAULT;
            return new OnnxEmbedder(spec, model, threading, chosen);
        } catch (CancelledException e) {
            model.close(); // the process is stopping: its warm-up call was refused, which is no load failure
            throw e;
        } catch (RuntimeException e) {
            model.close();
            throw new IllegalStateException("cannot load embedding model " + spec.name() + " from " + spec.model()
                    + ": " + e.getMessage(), e);
        }
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
        return model.measuring();
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
        return model.run(new Encoding[]{model.encode(spec.queryPrefix() + query)})[0];
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
        progress.progress(Stages.EMBED, 0, n);
        Encoding[] encodings = model.encode(texts.toArray(String[]::new));
        List<int[]> batches = batching.plan(encodings);

        float[][] vectors = new float[n][];
        AtomicLong done = new AtomicLong();
        workers.forEach(batches.size(), b -> {
            checkCancelled.run();
            int[] members = batches.get(b);
            Encoding[] batch = new Encoding[members.length];
            for (int i = 0; i < members.length; i++) {
                batch[i] = encodings[members[i]];
            }
            float[][] out = model.run(batch);
            for (int i = 0; i < members.length; i++) {
                vectors[members[i]] = out[i];
            }
            progress.progress(Stages.EMBED, done.addAndGet(members.length), n);
        });
        return Arrays.asList(vectors);
    }

    @Override
    public void close() {
        workers.close();
        model.close();
    }

    @Override
    public String toString() {
        return "OnnxEmbedder[" + spec.name() + ", " + dimension + "-d, " + spec.maxTokens() + " tokens, "
                + spec.pooling() + ", " + threading + "]";
    }
}
