package dev.ragworkbench.chunking;

import dev.ragworkbench.params.KindParams;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.stream.Collectors;

/**
 * A chunking strategy with typed parameters. Parsed from, and printed as, {@code kind[:name=value,...]}:
 * {@code none}, {@code fixed:size=200,overlap=40}, {@code recursive:size=512}, {@code markdown:size=300},
 * {@code semantic:percentile=90,size=256}. Sizes are in the embedder's tokens.
 * <p>
 * {@link #toString()} is canonical (every parameter, in a fixed order) and round-trips through {@link #parse};
 * {@link #slug()} is the same facts in a filename-safe form for index folder names.
 */
public sealed interface ChunkerSpec {

    /**
     * Smallest size: a lone WordPiece continuation token re-tokenized on its own can become up to 4 tokens
     * (checked over the MiniLM vocabulary in the tests), so 8 keeps every one-token window within its size.
     */
    int MIN_SIZE = 8;
    int MAX_SIZE = 65_536;

    ChunkerKind kind();

    /** Parameter values as strings, every parameter of the kind, in canonical order (for run records). */
    SequencedMap<String, String> params();

    /** Filename-safe form: the kind then the parameter values, joined by '-', e.g. {@code fixed-200-40}. */
    default String slug() {
        var parts = new java.util.ArrayList<String>();
        parts.add(kind().id());
        parts.addAll(params().values());
        return String.join("-", parts);
    }

    /** Parses {@code kind[:name=value,...]}; missing parameters take the kind's defaults. */
    static ChunkerSpec parse(String spec) {
        String text = spec == null ? "" : spec.strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException(
                    "empty chunker spec; expected kind[:name=value,...] with kind one of " + ChunkerKind.validIds());
        }
        KindParams parsed = KindParams.parse(text, "chunker");
        ChunkerKind kind = ChunkerKind.fromId(parsed.kind());
        var values = new LinkedHashMap<>(kind.defaults());
        for (var param : parsed.params().entrySet()) {
            String name = param.getKey();
            if (!values.containsKey(name)) {
                throw new IllegalArgumentException(KindParams.unknownParameter("chunker", kind.toString(), name,
                        kind.defaults().keySet()));
            }
            try {
                values.put(name, Integer.parseInt(param.getValue()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("parameter '" + name + "' of chunker '" + kind
                        + "' must be a whole number, got '" + param.getValue() + "'", e);
            }
        }
        return switch (kind) {
            case NONE -> new None();
            case FIXED -> new Fixed(values.get("size"), values.get("overlap"));
            case RECURSIVE -> new Recursive(values.get("size"), values.get("overlap"));
            case MARKDOWN -> new Markdown(values.get("size"));
            case SEMANTIC -> new Semantic(values.get("percentile"), values.get("size"));
        };
    }

    /** The kind with all its default parameters. */
    static ChunkerSpec defaults(ChunkerKind kind) {
        return parse(kind.id());
    }

    /** The whole (trimmed) text as one chunk. */
    record None() implements ChunkerSpec {
        @Override public ChunkerKind kind() { return ChunkerKind.NONE; }
        @Override public SequencedMap<String, String> params() { return ordered(); }
        @Override public String toString() { return canonical(this); }
    }

    /** Windows of {@code size} tokens, each starting {@code size - overlap} tokens after the previous. */
    record Fixed(int size, int overlap) implements ChunkerSpec {
        public Fixed {
            checkSize(size);
            checkOverlap(overlap, size);
        }
        @Override public ChunkerKind kind() { return ChunkerKind.FIXED; }
        @Override public SequencedMap<String, String> params() { return ordered("size", size, "overlap", overlap); }
        @Override public String toString() { return canonical(this); }
    }

    /** Paragraph → line → sentence → word → token splits merged greedily up to {@code size} tokens. */
    record Recursive(int size, int overlap) implements ChunkerSpec {
        public Recursive {
            checkSize(size);
            checkOverlap(overlap, size);
        }
        @Override public ChunkerKind kind() { return ChunkerKind.RECURSIVE; }
        @Override public SequencedMap<String, String> params() { return ordered("size", size, "overlap", overlap); }
        @Override public String toString() { return canonical(this); }
    }

    /** One chunk per Markdown section; sections over {@code size} tokens are split recursively. */
    record Markdown(int size) implements ChunkerSpec {
        public Markdown {
            checkSize(size);
        }
        @Override public ChunkerKind kind() { return ChunkerKind.MARKDOWN; }
        @Override public SequencedMap<String, String> params() { return ordered("size", size); }
        @Override public String toString() { return canonical(this); }
    }

    /** Breaks between sentences whose embedding distance exceeds the {@code percentile}-th percentile. */
    record Semantic(int percentile, int size) implements ChunkerSpec {
        public Semantic {
            if (percentile < 1 || percentile > 99) {
                throw new IllegalArgumentException("percentile must be between 1 and 99, got " + percentile);
            }
            checkSize(size);
        }
        @Override public ChunkerKind kind() { return ChunkerKind.SEMANTIC; }
        @Override public SequencedMap<String, String> params() { return ordered("percentile", percentile, "size", size); }
        @Override public String toString() { return canonical(this); }
    }

    private static void checkSize(int size) {
        if (size < MIN_SIZE || size > MAX_SIZE) {
            throw new IllegalArgumentException(
                    "size must be between " + MIN_SIZE + " and " + MAX_SIZE + " tokens, got " + size);
        }
    }

    private static void checkOverlap(int overlap, int size) {
        if (overlap < 0) {
            throw new IllegalArgumentException("overlap must not be negative, got " + overlap);
        }
        if (overlap >= size) {
            throw new IllegalArgumentException("overlap (" + overlap + ") must be smaller than size (" + size + ")");
        }
    }

    private static SequencedMap<String, String> ordered(Object... namesAndValues) {
        var map = new LinkedHashMap<String, String>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put((String) namesAndValues[i], String.valueOf(namesAndValues[i + 1]));
        }
        return Collections.unmodifiableSequencedMap(map);
    }

    private static String canonical(ChunkerSpec spec) {
        Map<String, String> params = spec.params();
        return params.isEmpty() ? spec.kind().id() : spec.kind().id() + ":" + params.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }

    /** Every kind with its defaults, in enum order (for menus and help text). */
    static List<ChunkerSpec> allDefaults() {
        return java.util.Arrays.stream(ChunkerKind.values()).map(ChunkerSpec::defaults).toList();
    }
}
