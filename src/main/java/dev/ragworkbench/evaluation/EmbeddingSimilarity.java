package dev.ragworkbench.evaluation;

import dev.ragworkbench.embedding.Embedder;
import dev.ragworkbench.progress.Cancellation;
import dev.ragworkbench.progress.ProgressListener;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code embedding_similarity}: the cosine of the embedder's vectors of the output and of the expected output
 * (the bundled all-MiniLM-L6-v2 unless the caller gives another). Both lists are embedded in one batch; the
 * vectors are L2-normalised, so the cosine is their dot product.
 */
public final class EmbeddingSimilarity implements AnswerMetric {

    public static final String NAME = "embedding_similarity";

    private final Supplier<Embedder> embedder;

    /** @param embedder loaded only when there is something to score */
    public EmbeddingSimilarity(Supplier<Embedder> embedder) {
        this.embedder = embedder;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public MetricType type() {
        return MetricType.SCORE;
    }

    @Override
    public List<AnswerScore> score(List<String> outputs, List<String> expected, Cancellation cancel) {
        if (outputs.size() != expected.size()) {
            throw new IllegalArgumentException(outputs.size() + " outputs for " + expected.size() + " expected");
        }
        if (outputs.isEmpty()) {
            return List.of();
        }
        var texts = new ArrayList<String>(outputs.size() * 2);
        texts.addAll(outputs);
        texts.addAll(expected);
        List<float[]> vectors = embedder.get().embedDocuments(texts, ProgressListener.NONE, cancel);
        var scores = new ArrayList<AnswerScore>(outputs.size());
        for (int i = 0; i < outputs.size(); i++) {
            if (outputs.get(i).isBlank() || expected.get(i).isBlank()) {
                // an empty text has no meaning to compare; the model's vector of nothing is arbitrary
                scores.add(outputs.get(i).isBlank() && expected.get(i).isBlank() ? AnswerScore.of(1)
                        : AnswerScore.of(0, "empty " + (outputs.get(i).isBlank() ? "output" : "expected output")));
                continue;
            }
            scores.add(AnswerScore.of(cosine(vectors.get(i), vectors.get(outputs.size() + i))));
        }
        return scores;
    }

    /** The cosine of two vectors, clamped to [-1, 1]; 0 when either is all zeros. */
    public static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        if (na == 0 || nb == 0) {
            return 0;
        }
        return Math.max(-1, Math.min(1, dot / Math.sqrt(na * nb)));
    }
}
