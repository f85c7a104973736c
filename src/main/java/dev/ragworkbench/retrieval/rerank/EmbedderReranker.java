package dev.ragworkbench.retrieval.rerank;

import dev.ragworkbench.embedding.Embedder;
import dev.ragworkbench.progress.Cancellation;
import dev.ragworkbench.progress.ProgressListener;
import dev.ragworkbench.retrieval.Reranker;

import java.util.List;

/**
 * Re-scores with a second embedder: the cosine of its query vector (with its own query instruction, as BGE's)
 * and each passage's vector. Vectors are L2-normalised, so the dot product is the cosine. With the workspace's
 * caching embedder, a passage is embedded once and read back from the cache afterwards.
 */
public final class EmbedderReranker implements Reranker {

    private final Embedder embedder;

    public EmbedderReranker(Embedder embedder) {
        this.embedder = embedder;
    }

    public Embedder embedder() {
        return embedder;
    }

    @Override
    public double[] scores(String query, List<String> passages) {
        float[] q = embedder.embedQuery(query);
        List<float[]> vectors = embedder.embedDocuments(passages, ProgressListener.NONE, Cancellation.none());
        double[] scores = new double[vectors.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = dot(q, vectors.get(i));
        }
        return scores;
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }

    @Override
    public String toString() {
        return "EmbedderReranker[" + embedder.name() + "]";
    }
}
