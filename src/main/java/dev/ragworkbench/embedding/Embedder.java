package dev.ragworkbench.embedding;

import dev.ragworkbench.progress.Cancellation;
import dev.ragworkbench.progress.ProgressListener;

import java.util.List;

/**
 * A text-to-vector model. Vectors are L2-normalised, so dot product equals cosine similarity. Implementations
 * are thread-safe and batch internally.
 */
public interface Embedder extends AutoCloseable {

    /** The name used everywhere: CLI, index names, cache keys, run params (e.g. {@code all-minilm-l6-v2}). */
    String name();

    int dimension();

    /** The model's real input limit in tokens, special tokens included; longer texts are truncated. */
    int maxTokens();

    /** The tokenizer the model uses, for chunk sizes and truncation warnings. */
    TextTokenizer tokenizer();

    /** Embeds passages (documents, chunks); one vector per text, in order. */
    List<float[]> embedDocuments(List<String> texts, ProgressListener progress, Cancellation cancellation);

    /** Embeds a search query, adding the model's query instruction where it has one (BGE). */
    float[] embedQuery(String query);

    /**
     * Identifies the vectors this embedder produces, for caches: equal keys must mean equal vectors. By default
     * {@link #name()}; an embedder whose output can change under the same name (a user's model folder edited in
     * place, another token limit) returns a key with a fingerprint of what changed.
     */
    default String cacheKey() {
        return name();
    }

    @Override
    default void close() {
    }
}
