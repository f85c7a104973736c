package dev.ragworkbench.chunking;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.ragworkbench.embedding.Embedder;
import dev.ragworkbench.embedding.TextTokenizer;
import dev.ragworkbench.progress.Cancellation;
import dev.ragworkbench.progress.ProgressListener;

import java.util.ArrayList;
import java.util.List;

/**
 * Test-only {@link Embedder} over LangChain4j's in-process all-MiniLM-L6-v2 (the real model), with the real
 * tokenizer, until the project's own ONNX embedder lands.
 */
final class MiniLmEmbedder implements Embedder {

    static final MiniLmEmbedder INSTANCE = new MiniLmEmbedder();

    private final AllMiniLmL6V2EmbeddingModel model = new AllMiniLmL6V2EmbeddingModel();

    @Override
    public String name() {
        return "all-minilm-l6-v2";
    }

    @Override
    public int dimension() {
        return 384;
    }

    @Override
    public int maxTokens() {
        return 256;
    }

    @Override
    public TextTokenizer tokenizer() {
        return TestData.TOKENIZER;
    }

    @Override
    public List<float[]> embedDocuments(List<String> texts, ProgressListener progress, Cancellation cancellation) {
        var vectors = new ArrayList<float[]>(texts.size());
        for (int from = 0; from < texts.size(); from += 16) {
            cancellation.check();
            var batch = texts.subList(from, Math.min(from + 16, texts.size())).stream().map(TextSegment::from).toList();
            for (var embedding : model.embedAll(batch).content()) {
                vectors.add(normalised(embedding.vector()));
            }
            progress.progress("embedding", vectors.size(), texts.size());
        }
        return vectors;
    }

    @Override
    public float[] embedQuery(String query) {
        return normalised(model.embed(query).content().vector());
    }

    private static float[] normalised(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        float scale = (float) (1 / Math.sqrt(norm));
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * scale;
        }
        return out;
    }
}
