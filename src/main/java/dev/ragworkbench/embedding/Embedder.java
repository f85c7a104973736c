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

    @Override
    default void close() {
    }
}
