package dev.ragworkbench.retrieval;

import dev.ragworkbench.params.KindParams;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;

/**
 * The reranker after a retriever, written after {@code +rerank:} in a retriever spec: {@code embedder=NAME}
 * (a bundled embedder or a model folder) or {@code model=FOLDER} (a cross-encoder), and {@code depth}, how many
 * of the retriever's best chunks it re-scores (default 50). A reranked retriever returns at most {@code depth}
 * chunks: only those it scored, so its scores compare with one another.
 *
 * @param embedder the second embedder's name or folder; null for a cross-encoder
 * @param model    the cross-encoder's folder; null for an embedder
 * @param depth    chunks re-scored, 1..10,000
 */
public record RerankerSpec(String embedder, String model, int depth) {

    public static final int DEFAULT_DEPTH = 50;
    static final int MAX_DEPTH = 10_000;

    /** The parameter names, in the order of {@link #toString()}. */
    public static final List<String> PARAMETERS = List.of("embedder", "model", "depth");

    public RerankerSpec {
        embedder = blankToNull(embedder);
        model = blankToNull(model);
        if ((embedder == null) == (model == null)) {
            throw new IllegalArgumentException("a reranker takes either embedder=NAME (a second embedder) or"
                    + " model=FOLDER (a cross-encoder), " + (embedder == null ? "got neither" : "not both"));
        }
        if (depth < 1 || depth > MAX_DEPTH) {
            throw new IllegalArgumentException("reranker depth=" + depth + ": must be between 1 and " + MAX_DEPTH);
        }
    }

    public static RerankerSpec ofEmbedder(String embedder) {
        return new RerankerSpec(embedder, null, DEFAULT_DEPTH);
    }

    public static RerankerSpec ofModel(String folder) {
        return new RerankerSpec(null, folder, DEFAULT_DEPTH);
    }

    /** Parses what follows {@code +rerank:}, e.g. {@code embedder=bge-small-en-v1.5-q,depth=50}. */
    public static RerankerSpec parse(String text) {
        String s = text == null ? "" : text.strip();
        return of(s.isEmpty() ? Map.of() : KindParams.parse("rerank:" + s, "reranker").params());
    }

    /** From named values (the spec's mapping form {@code rerank: { embedder: ..., depth: 50 }}). */
    public static RerankerSpec of(Map<String, String> params) {
        for (String name : params.keySet()) {
            if (!PARAMETERS.contains(name)) {
                throw new IllegalArgumentException(KindParams.unknownParameter("reranker", "rerank", name, PARAMETERS));
            }
        }
        String depthText = params.get("depth");
        int depth;
        try {
            depth = depthText == null ? DEFAULT_DEPTH : Integer.parseInt(depthText.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("reranker depth=" + depthText + ": expected a whole number");
        }
        return new RerankerSpec(params.get("embedder"), params.get("model"), depth);
    }

    public boolean isCrossEncoder() {
        return model != null;
    }

    /** {@code embedder=…} or {@code model=…}, then {@code depth=…}: the run params' order, without the prefix. */
    public SequencedMap<String, String> params() {
        var map = new LinkedHashMap<String, String>();
        if (embedder != null) {
            map.put("embedder", embedder);
        } else {
            map.put("model", model);
        }
        map.put("depth", Integer.toString(depth));
        return Collections.unmodifiableSequencedMap(map);
    }

    /** {@code embedder=bge-small-en-v1.5-q,depth=50}; parses back to an equal spec. */
    @Override
    public String toString() {
        return String.join(",", params().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
