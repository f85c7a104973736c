package dev.ragworkbench.chunking;

import java.util.ArrayList;
import java.util.List;

/**
 * The recursive algorithm shared by the recursive, Markdown and semantic chunkers: a range over {@code size}
 * tokens is cut at the coarsest separator it contains, and the pieces are greedily merged back while the merged
 * span stays within {@code size}; a piece still too big is split at the next finer level, its sub-chunks kept
 * apart from its neighbours so chunks prefer to end at strong boundaries. With overlap, a chunk starts with the
 * trailing whole pieces of the previous chunk at the same level, up to {@code overlap} tokens.
 * <p>
 * Merging uses the document's token index; each emitted chunk is measured exactly and trimmed by whole pieces
 * if the exact count is over, so {@code tokens <= size} always holds.
 */
final class RecursiveSplitter {

    private final TokenIndex tokens;
    private final int size;
    private final int overlap;

    RecursiveSplitter(TokenIndex tokens, int size, int overlap) {
        this.tokens = tokens;
        this.size = size;
        this.overlap = overlap;
    }

    /** Chunks of {@code [start, end)}, in order. */
    List<Piece> split(int start, int end) {
        var out = new ArrayList<Piece>();
        split(new Span(start, end), Separators.PARAGRAPH, out);
        return out;
    }

    private void split(Span range, Separators level, List<Piece> out) {
        Span span = range.trim(tokens.text());
        if (span.isEmpty()) {
            return;
        }
        if (tokens.estimate(span.start(), span.end()) <= size || level == null) {
            int exact = tokens.exact(span.start(), span.end());
            if (exact <= size || level == null) {
                out.add(new Piece(span.start(), span.end(), exact));
                return;
            }
        }
        List<Span> parts = level.pieces(tokens, span);
        if (parts.size() <= 1) {
            split(span, level.finer(), out); // this separator does not occur here
        } else {
            merge(parts, level, out);
        }
    }

    private void merge(List<Span> parts, Separators level, List<Piece> out) {
        int n = parts.size();
        int first = 0;
        int mustReach = 0; // the chunk must include this part to make progress (first < mustReach after overlap)
        while (first < n) {
            if (first == mustReach && estimate(parts, first, first) > size) {
                split(parts.get(first), level.finer(), out);
                mustReach = ++first;
                continue;
            }
            int last = first;
            while (last + 1 < n && estimate(parts, first, last + 1) <= size) {
                last++;
            }
            int exact = exact(parts, first, last);
            while (exact > size && last > mustReach) {
                exact = exact(parts, first, --last);
            }
            if (exact > size) {
                if (first < mustReach) {
                    first = mustReach; // the overlap does not fit after all: start afresh
                } else {
                    split(parts.get(first), level.finer(), out);
                    mustReach = ++first;
                }
                continue;
            }
            out.add(new Piece(parts.get(first).start(), parts.get(last).end(), exact));
            int next = last + 1;
            int seed = next;
            if (overlap > 0 && next < n) {
                // the earliest k whose tail k..last stays within overlap and still fits with the next part
                for (int k = last; k > first; k--) {
                    if (estimate(parts, k, last) > overlap || estimate(parts, k, next) > size) {
                        break;
                    }
                    seed = k;
                }
            }
            first = seed;
            mustReach = next;
        }
    }

    private int estimate(List<Span> parts, int from, int to) {
        return tokens.estimate(parts.get(from).start(), parts.get(to).end());
    }

    private int exact(List<Span> parts, int from, int to) {
        return tokens.exact(parts.get(from).start(), parts.get(to).end());
    }
}
