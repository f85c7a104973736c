package dev.ragworkbench.embedding;

import dev.ragworkbench.progress.Cancellation;
import dev.ragworkbench.progress.ProgressListener;

import java.time.Duration;
import java.util.List;

/** Measures an embedder's raw throughput (no cache), for the {@code bench} command and the figures in comments. */
public final class EmbeddingBenchmark {

    private EmbeddingBenchmark() {
    }

    /**
     * The outcome of one measurement.
     *
     * @param tokens tokens the model actually processed: each text's count plus [CLS]/[SEP], capped at the limit
     */
    public record Result(String embedder, int texts, long tokens, Duration elapsed) {

        public double textsPerSecond() {
            return texts / seconds();
        }

        public double tokensPerSecond() {
            return tokens / seconds();
        }

        private double seconds() {
            return Math.max(elapsed.toNanos(), 1) / 1e9;
        }

        @Override
        public String toString() {
            return "%s: %d texts, %d tokens in %.2f s = %.1f texts/s, %.0f tokens/s".formatted(
                    embedder, texts, tokens, seconds(), textsPerSecond(), tokensPerSecond());
        }
    }

    /**
     * Embeds {@code texts} once and times it. A {@link CachingEmbedder} is unwrapped so the model itself is
     * measured; a short warm-up runs first so one-off costs (JIT, onnxruntime's first allocations) are excluded.
     */
    public static Result measure(Embedder embedder, List<String> texts, ProgressListener progress,
                                 Cancellation cancellation) {
        Embedder raw = embedder instanceof CachingEmbedder caching ? caching.delegate() : embedder;
        raw.embedDocuments(texts.subList(0, Math.min(8, texts.size())), ProgressListener.NONE, cancellation);
        long tokens = 0;
        for (String text : texts) {
            tokens += Math.min(raw.tokenizer().count(text) + 2, raw.maxTokens());
        }
        long start = System.nanoTime();
        raw.embedDocuments(texts, progress, cancellation);
        return new Result(raw.name(), texts.size(), tokens, Duration.ofNanos(System.nanoTime() - start));
    }
}
