package dev.ragworkbench.retrieval.rerank;

import dev.ragworkbench.embedding.Embedder;
import dev.ragworkbench.embedding.OnnxCrossEncoder;
import dev.ragworkbench.retrieval.Reranker;
import dev.ragworkbench.retrieval.RerankerSpec;

import java.nio.file.Path;
import java.util.function.Function;

/** Makes the reranker a {@link RerankerSpec} names, from the models its caller holds (and so reuses and closes). */
public final class Rerankers {
    private Rerankers() {
    }

    /**
     * @param embedders     opens (or returns the open) embedder by name or folder
     * @param crossEncoders opens (or returns the open) cross-encoder in a folder; see {@link OnnxCrossEncoder#open}
     */
    public static Reranker create(RerankerSpec spec, Function<String, Embedder> embedders,
                                  Function<Path, OnnxCrossEncoder> crossEncoders) {
        return spec.isCrossEncoder()
                ? new CrossEncoderReranker(crossEncoders.apply(Path.of(spec.model()).toAbsolutePath().normalize()))
                : new EmbedderReranker(embedders.apply(spec.embedder()));
    }
}
