package dev.ragworkbench.chunking;

import java.util.Map;

/** A finished chunk before numbering: a trimmed, non-empty span with its exact token count. */
record Piece(int start, int end, int tokens, Map<String, String> metadata) {

    Piece(int start, int end, int tokens) {
        this(start, end, tokens, Map.of());
    }

    Piece withMetadata(Map<String, String> extra) {
        return new Piece(start, end, tokens, extra);
    }
}
