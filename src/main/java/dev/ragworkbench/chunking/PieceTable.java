package dev.ragworkbench.chunking;

import java.util.Collection;

/**
 * A set of WordPiece vocabulary entries looked up by a range of a string, so that matching a word allocates
 * nothing. Greedy longest-match tries every end of a word from the longest down; with a {@code Set<String>} each
 * try was a new substring (and a {@code "##"} concatenation) and its hash, which made counting tokens the largest
 * single cost of a BM25-only index build. Open addressing over a power-of-two table; the hash is
 * {@link String#hashCode()}'s, so a range's hash can be built one character at a time.
 */
final class PieceTable {

    private final String[] keys;
    private final int[] hashes;
    private final int mask;
    private final int maxLength;

    PieceTable(Collection<String> pieces) {
        int size = Integer.highestOneBit(Math.max(4, pieces.size() * 2 - 1)) << 1;
        keys = new String[size];
        hashes = new int[size];
        mask = size - 1;
        int longest = 0;
        for (String piece : pieces) {
            int h = piece.hashCode();
            int slot = spread(h) & mask;
            while (keys[slot] != null && !keys[slot].equals(piece)) {
                slot = (slot + 1) & mask;
            }
            keys[slot] = piece;
            hashes[slot] = h;
            longest = Math.max(longest, piece.length());
        }
        maxLength = longest;
    }

    /** The longest entry's length in chars: no longer range can match. */
    int maxLength() {
        return maxLength;
    }

    /**
     * Whether {@code s[from, to)} is an entry.
     *
     * @param hash the range's {@link String#hashCode()}: {@code s[from] * 31^(n-1) + … + s[to-1]}
     */
    boolean contains(String s, int from, int to, int hash) {
        int length = to - from;
        int slot = spread(hash) & mask;
        String key;
        while ((key = keys[slot]) != null) {
            if (hashes[slot] == hash && key.length() == length && s.regionMatches(from, key, 0, length)) {
                return true;
            }
            slot = (slot + 1) & mask;
        }
        return false;
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }
}
