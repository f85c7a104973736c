package dev.ragworkbench.retrieval.rerank;

import dev.ragworkbench.embedding.OnnxCrossEncoder;
import dev.ragworkbench.retrieval.Reranker;

import java.util.List;

/** Re-scores with a cross-encoder: the model reads query and passage as one pair; its logit is the score. */
public final class CrossEncoderReranker implements Reranker {

    private final OnnxCrossEncoder model;

    public CrossEncoderReranker(OnnxCrossEncoder model) {
        this.model = model;
    }

    @Override
    public double[] scores(String query, List<String> passages) {
        return model.score(query, passages);
    }

    @Override
    public String toString() {
        return "CrossEncoderReranker[" + model.folder() + "]";
    }
}
