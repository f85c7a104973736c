package dev.ragworkbench.retrieval;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The retrievers there are, by the names users type, with their parameters and defaults. */
public enum RetrieverKind {
    BM25("bm25", Map.of("k1", "0.9", "b", "0.4")),
    DENSE("dense", Map.of("exact", "false")),
    HYBRID_RRF("hybrid-rrf", Map.of("k", "60", "depth", "100")),
    HYBRID_WEIGHTED("hybrid-weighted", Map.of("alpha", "0.5", "depth", "100"));

    private final String id;
    private final Map<String, String> defaults;

    RetrieverKind(String id, Map<String, String> defaults) {
        this.id = id;
        this.defaults = defaults;
    }

    public String id() {
        return id;
    }

    public Map<String, String> defaults() {
        return defaults;
    }

    /** Whether it needs an embedder (and so an index built with one). */
    public boolean needsVectors() {
        return this != BM25;
    }

    public static RetrieverKind fromId(String id) {
        return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown retriever '" + id + "'; valid: "
                        + String.join(", ", ids())));
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(RetrieverKind::id).toList();
    }
}
