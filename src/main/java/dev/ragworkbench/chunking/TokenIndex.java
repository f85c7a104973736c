package dev.ragworkbench.chunking;

import dev.ragworkbench.embedding.TextTokenizer;

import java.util.concurrent.atomic.AtomicReference;

/**
 * A document tokenized once, so chunkers can measure any range by binary search instead of re-tokenizing.
 * <p>
 * The estimate (tokens starting inside a range) equals the tokenizer's count of the range's text when the range
 * is bounded by whitespace and the tokenizer is context-free across whitespace, as BERT's WordPiece is. A cut
 * inside a word is not: {@code ##ievable} alone re-tokenizes as a fresh word. {@link #exact} therefore trusts the
 * estimate only at clean boundaries, and only after checking on two samples of this document that the tokenizer
 * really behaves that way (a byte-level BPE tokenizer, for instance, would not); otherwise it re-tokenizes.
 */
final class TokenIndex {

    private final String text;
    private final TextTokenizer tokenizer;
    private final int[] starts;
    private final int[] ends;
    private final boolean estimateTrusted;

    private TokenIndex(String text, TextTokenizer tokenizer) {
        this.text = text;
        this.tokenizer = tokenizer;
        var spans = tokenizer.tokenize(text);
        starts = new int[spans.size()];
        ends = new int[spans.size()];
        for (int i = 0; i < starts.length; i++) {
            starts[i] = spans.get(i).start();
            ends[i] = spans.get(i).end();
        }
        estimateTrusted = sampleAgrees(0) && sampleAgrees(text.length() / 2);
    }

    /**
     * The last document's index, reused when the same text is chunked again with the same tokenizer: a UI that
     * re-chunks on every slider change would otherwise spend most of each re-chunk tokenizing the same text.
     * One entry only, so at most one document's offsets are kept alive.
     */
    private static final AtomicReference<TokenIndex> LAST = new AtomicReference<>();

    static TokenIndex of(String text, TextTokenizer tokenizer) {
        TokenIndex last = LAST.get();
        if (last != null && last.tokenizer == tokenizer && last.text.equals(text)) {
            return last;
        }
        TokenIndex index = new TokenIndex(text, tokenizer);
        LAST.set(index);
        return index;
    }

    String text() {
        return text;
    }

    TextTokenizer tokenizer() {
        return tokenizer;
    }

    int size() {
        return starts.length;
    }

    int start(int token) {
        return starts[token];
    }

    int end(int token) {
        return ends[token];
    }

    /** Index of the first token starting at or after {@code offset} ({@link #size()} if none). */
    int firstStartingAtOrAfter(int offset) {
        int lo = 0;
        int hi = starts.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (starts[mid] < offset) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Tokens of the document starting inside {@code [start, end)}: cheap, and exact at clean boundaries. */
    int estimate(int start, int end) {
        return firstStartingAtOrAfter(end) - firstStartingAtOrAfter(start);
    }

    /**
     * {@code tokenizer.count(text.substring(start, end))}. Where the estimate is trusted, only the partial words at
     * the edges (a cut inside a word) are re-tokenized, and the whitespace-bounded middle comes from the index;
     * that keeps even thousands of mid-word windows cheap.
     */
    int exact(int start, int end) {
        if (!estimateTrusted) {
            return count(start, end);
        }
        int from = start;
        while (from < end && !startsClean(from)) {
            from++;
        }
        int to = end;
        while (to > from && !endsClean(to)) {
            to--;
        }
        if (from >= to) {
            return count(start, end); // a single (partial) word
        }
        return count(start, from) + estimate(from, to) + count(to, end);
    }

    private int count(int start, int end) {
        return start >= end ? 0 : tokenizer.count(text.substring(start, end));
    }

    private boolean startsClean(int offset) {
        return offset == 0 || Span.isSpace(text.charAt(offset - 1));
    }

    private boolean endsClean(int offset) {
        return offset == text.length() || Span.isSpace(text.charAt(offset));
    }

    /** Compares estimate and real count on a whitespace-bounded stretch of about 64 tokens from {@code near}. */
    private boolean sampleAgrees(int near) {
        int s = near;
        while (s > 0 && !Span.isSpace(text.charAt(s - 1))) {
            s--;
        }
        int first = firstStartingAtOrAfter(s);
        int e = first + 64 < starts.length ? starts[first + 64] : text.length();
        while (e < text.length() && !Span.isSpace(text.charAt(e))) {
            e++;
        }
        return e <= s || estimate(s, e) == tokenizer.count(text.substring(s, e));
    }

    @Override
    public String toString() {
        return "TokenIndex[" + starts.length + " tokens, estimateTrusted=" + estimateTrusted + "]";
    }
}
