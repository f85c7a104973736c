package dev.ragworkbench.embedding;

import dev.ragworkbench.progress.Cancellation;
import dev.ragworkbench.progress.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddingBenchmarkTest {

    @Test
    void measuresTextsAndTokens() {
        List<String> texts = Vectors.scifact(20);
        try (OnnxEmbedder minilm = Embedders.open("all-minilm-l6-v2-q")) {
            var result = EmbeddingBenchmark.measure(minilm, texts, ProgressListener.NONE, Cancellation.none());
            assertThat(result.embedder()).isEqualTo("all-minilm-l6-v2-q");
            assertThat(result.texts()).isEqualTo(20);
            // SciFact abstracts run 200-300 tokens: most hit the 256 cap, none exceed it
            assertThat(result.tokens()).isBetween(20L * 100, 20L * 256);
            assertThat(result.textsPerSecond()).isPositive();
            assertThat(result.tokensPerSecond()).isGreaterThan(result.textsPerSecond());
        }
    }

    /**
     * The figures behind {@link OnnxEmbedder.Threading#defaults()} and the report; CPU-heavy, so only on request:
     * {@code mvn -o test -Dtest='dev.ragworkbench.embedding.EmbeddingBenchmarkTest' -Dragworkbench.bench=true}, with
     * optional {@code -Dragworkbench.bench.models=a,b}, {@code -Dragworkbench.bench.texts=500} and
     * {@code -Dragworkbench.bench.compareThreading=true}.
     */
    @Test
    @EnabledIfSystemProperty(named = "ragworkbench.bench", matches = "true")
    void benchmark() {
        int count = Integer.getInteger("ragworkbench.bench.texts", 500);
        List<String> texts = Vectors.scifact(count);
        String models = System.getProperty("ragworkbench.bench.models", "all-minilm-l6-v2");
        for (String model : models.split(",")) {
            var threadings = Boolean.getBoolean("ragworkbench.bench.compareThreading")
                    ? List.of(OnnxEmbedder.Threading.intraOp(), OnnxEmbedder.Threading.perCore())
                    : List.of(OnnxEmbedder.Threading.defaults());
            for (var threading : threadings) {
                long loadStart = System.nanoTime();
                try (OnnxEmbedder embedder = Embedders.open(model, threading)) {
                    double load = (System.nanoTime() - loadStart) / 1e9;
                    var result = EmbeddingBenchmark.measure(embedder, texts, ProgressListener.NONE,
                            Cancellation.none());
                    System.out.printf("BENCH %s load %.2f s; %s%n", threading, load, result);
                }
            }
        }
    }
}
