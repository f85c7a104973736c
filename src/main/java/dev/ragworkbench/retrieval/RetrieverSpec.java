package dev.ragworkbench.retrieval;

import dev.ragworkbench.params.KindParams;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A retriever kind with its parameters, written as {@code kind:key=value,key=value}, e.g.
 * {@code bm25:k1=1.2,b=0.75} or {@code hybrid-weighted:alpha=0.3}, optionally followed by a reranker:
 * {@code hybrid-rrf:k=60+rerank:embedder=bge-small-en-v1.5-q,depth=50}. Omitted parameters take the kind's
 * defaults.
 *
 * @param reranker the reranker after the retriever, or null for none
 */
public record RetrieverSpec(RetrieverKind kind, Map<String, String> params, RerankerSpec reranker) {

    /** Where the reranker's part starts; the text is split once, at its first occurrence. */
    public static final String RERANK = "+rerank:";

    /** Without a reranker. */
    public RetrieverSpec(RetrieverKind kind, Map<String, String> params) {
        this(kind, params, null);
    }

    public RetrieverSpec {
        var all = new TreeMap<>(kind.defaults());
        for (var e : params.entrySet()) {
            if (!kind.defaults().containsKey(e.getKey())) {
                throw new IllegalArgumentException("retriever " + kind.id() + " has no parameter '" + e.getKey()
                        + "'; valid: " + String.join(", ", new TreeMap<>(kind.defaults()).keySet()));
            }
            all.put(e.getKey(), e.getValue());
        }
        params = Map.copyOf(all);
        validate(kind, params);
    }

    public static RetrieverSpec of(RetrieverKind kind) {
        return new RetrieverSpec(kind, Map.of());
    }

    /**
     * Parses {@code kind[:key=value,...][+rerank:key=value,...]}; omitted parameters take the defaults. The one
     * parser of the form, for the command line, experiment specs and the window's "copy as spec".
     */
    public static RetrieverSpec parse(String text) {
        String s = text == null ? "" : text.strip();
        int at = s.indexOf(RERANK);
        RerankerSpec reranker = at < 0 ? null : RerankerSpec.parse(s.substring(at + RERANK.length()));
        KindParams parsed = KindParams.parse(at < 0 ? s : s.substring(0, at), "retriever");
        return new RetrieverSpec(RetrieverKind.fromId(parsed.kind()), parsed.params(), reranker);
    }

    public boolean hasReranker() {
        return reranker != null;
    }

    /** This retriever without its reranker (itself when it has none). */
    public RetrieverSpec withoutReranker() {
        return reranker == null ? this : new RetrieverSpec(kind, params);
    }

    /** This retriever followed by {@code newReranker} (none when null). */
    public RetrieverSpec withReranker(RerankerSpec newReranker) {
        return new RetrieverSpec(kind, params, newReranker);
    }

    public double number(String key) {
        return Double.parseDouble(params.get(key));
    }

    public int integer(String key) {
        return Integer.parseInt(params.get(key));
    }

    public boolean flag(String key) {
        return Boolean.parseBoolean(params.get(key));
    }

    /**
     * Canonical form: every parameter, sorted by name, then the reranker's ({@code +rerank:embedder=…,depth=…}).
     * Round-trips through {@link #parse}.
     */
    @Override
    public String toString() {
        return kind.id() + ":" + new TreeMap<>(params).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","))
                + (reranker == null ? "" : RERANK + reranker);
    }

    private static void validate(RetrieverKind kind, Map<String, String> params) {
        for (var e : params.entrySet()) {
            String key = e.getKey();
            String value = e.getValue();
            String where = "retriever " + kind.id() + " parameter " + key + "=" + value;
            switch (key) {
                case "exact" -> {
                    if (!value.equals("true") && !value.equals("false")) {
                        throw new IllegalArgumentException(where + ": expected true or false");
                    }
                }
                case "k", "depth" -> requireRange(where, value, 1, 100_000, true);
                case "k1" -> requireRange(where, value, 0, 100, false);
                case "b", "alpha" -> requireRange(where, value, 0, 1, false);
                default -> throw new IllegalStateException(key);
            }
        }
    }

    private static void requireRange(String where, String value, double min, double max, boolean integer) {
        double v;
        try {
            v = integer ? Integer.parseInt(value) : Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": expected " + (integer ? "a whole number" : "a number"));
        }
        if (!(v >= min && v <= max)) {
            throw new IllegalArgumentException(where + ": must be between " + fmt(min) + " and " + fmt(max));
        }
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
