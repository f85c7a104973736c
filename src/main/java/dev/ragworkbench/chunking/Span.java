package dev.ragworkbench.chunking;

/** A character range {@code [start, end)} of a document's text. */
record Span(int start, int end) {

    boolean isEmpty() {
        return end <= start;
    }

    /** This range without leading and trailing whitespace (possibly empty). */
    Span trim(CharSequence text) {
        int s = start;
        int e = end;
        while (s < e && isSpace(text.charAt(s))) {
            s++;
        }
        while (e > s && isSpace(text.charAt(e - 1))) {
            e--;
        }
        return s == start && e == end ? this : new Span(s, e);
    }

    /**
     * Whitespace as the BERT tokenizer sees it: Java whitespace plus Unicode space separators such as the no-break
     * space, which {@link Character#isWhitespace} leaves out. Such characters never belong to a token.
     */
    static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }
}
