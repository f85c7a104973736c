package dev.ragworkbench.chunking;

import java.util.ArrayList;
import java.util.List;

/**
 * The split levels of recursive chunking, coarsest first. Each finds cut positions in a range; the pieces between
 * cuts, trimmed and non-empty, hold every non-whitespace character of the range exactly once.
 */
enum Separators {
    /** Blank lines: a line break, optional spaces, another line break. */
    PARAGRAPH,
    LINE,
    SENTENCE,
    WORD,
    /** Token starts, for a "word" longer than the size (a URL, a sequence, a formula). */
    TOKEN,
    /** Code points: a lone mid-word token can re-tokenize into several; one character is at most one token. */
    CHARACTER;

    private static final String CLOSERS = "\"')]}»”’";

    /** The next finer level, or null after {@link #CHARACTER}. */
    Separators finer() {
        return this == CHARACTER ? null : values()[ordinal() + 1];
    }

    List<Span> pieces(TokenIndex tokens, Span range) {
        String text = tokens.text();
        var pieces = new ArrayList<Span>();
        int pieceStart = range.start();
        int s = range.start();
        int e = range.end();
        switch (this) {
            case PARAGRAPH -> {
                for (int i = s; i < e; i++) {
                    if (text.charAt(i) == '\n') {
                        int j = i + 1;
                        while (j < e && text.charAt(j) != '\n' && Span.isSpace(text.charAt(j))) {
                            j++;
                        }
                        if (j < e && text.charAt(j) == '\n') {
                            pieceStart = cut(text, pieces, pieceStart, i);
                            i = j;
                        }
                    }
                }
            }
            case LINE -> {
                for (int i = s; i < e; i++) {
                    char c = text.charAt(i);
                    if (c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029') {
                        pieceStart = cut(text, pieces, pieceStart, i);
                    }
                }
            }
            case SENTENCE -> {
                for (int i = s; i < e; i++) {
                    int after = sentenceEnd(text, i, e);
                    if (after > 0) {
                        pieceStart = cut(text, pieces, pieceStart, after);
                        i = after - 1;
                    }
                }
            }
            case WORD -> {
                for (int i = s; i < e; i++) {
                    if (Span.isSpace(text.charAt(i))) {
                        pieceStart = cut(text, pieces, pieceStart, i);
                    }
                }
            }
            case TOKEN -> {
                for (int t = tokens.firstStartingAtOrAfter(s + 1); t < tokens.size() && tokens.start(t) < e; t++) {
                    pieceStart = cut(text, pieces, pieceStart, tokens.start(t));
                }
            }
            case CHARACTER -> {
                for (int i = s; i < e; i += Character.charCount(text.codePointAt(i))) {
                    pieceStart = cut(text, pieces, pieceStart, i);
                }
            }
        }
        cut(text, pieces, pieceStart, e);
        return pieces;
    }

    /** Adds the trimmed piece {@code [from, to)} if non-empty; returns where the next piece starts. */
    private static int cut(String text, List<Span> pieces, int from, int to) {
        Span piece = new Span(from, to).trim(text);
        if (!piece.isEmpty()) {
            pieces.add(piece);
        }
        return to;
    }

    /**
     * If a sentence ends at {@code i} (a terminator, closing quotes or brackets, then whitespace before a
     * non-lower-case character, so "e.g. the" and "Fig. 2a" mostly stay whole), the offset just after it; else -1.
     * CJK full stops end a sentence with no space after them.
     */
    static int sentenceEnd(String text, int i, int limit) {
        char c = text.charAt(i);
        if (c == '。' || c == '！' || c == '？') {
            return i + 1;
        }
        if (c != '.' && c != '!' && c != '?' && c != '…') {
            return -1;
        }
        int j = i + 1;
        while (j < limit && CLOSERS.indexOf(text.charAt(j)) >= 0) {
            j++;
        }
        if (j >= limit || !Span.isSpace(text.charAt(j))) {
            return -1;
        }
        int k = j;
        while (k < limit && Span.isSpace(text.charAt(k))) {
            k++;
        }
        return k < limit && Character.isLowerCase(text.charAt(k)) ? -1 : j;
    }
}
