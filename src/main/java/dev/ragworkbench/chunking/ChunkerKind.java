package dev.ragworkbench.chunking;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.SequencedMap;
import java.util.stream.Collectors;

/** The chunking strategies, with their parameters (in canonical order) and defaults. */
public enum ChunkerKind {
    NONE("none"),
    FIXED("fixed", "size", 256, "overlap", 0),
    RECURSIVE("recursive", "size", 256, "overlap", 0),
    MARKDOWN("markdown", "size", 256),
    SEMANTIC("semantic", "percentile", 95, "size", 256);

    private final String id;
    private final SequencedMap<String, Integer> defaults;

    ChunkerKind(String id, Object... namesAndDefaults) {
        this.id = id;
        var map = new LinkedHashMap<String, Integer>();
        for (int i = 0; i < namesAndDefaults.length; i += 2) {
            map.put((String) namesAndDefaults[i], (Integer) namesAndDefaults[i + 1]);
        }
        this.defaults = java.util.Collections.unmodifiableSequencedMap(map);
    }

    /** The lower-case name used in specs, slugs and run records. */
    public String id() {
        return id;
    }

    /** Parameter names in canonical order, each with its default value. */
    public SequencedMap<String, Integer> defaults() {
        return defaults;
    }

    /** The kind named {@code id} (case-insensitive), or an {@link IllegalArgumentException} listing the valid ones. */
    public static ChunkerKind fromId(String id) {
        return Arrays.stream(values()).filter(k -> k.id.equalsIgnoreCase(id.strip())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown chunker kind '" + id + "'; valid kinds: " + validIds()));
    }

    static String validIds() {
        return Arrays.stream(values()).map(ChunkerKind::id).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return id;
    }
}
