package dev.ragworkbench.evaluation;

/**
 * A text with white space runs folded to one space and case ignored, remembering where each folded character
 * came from: finds a passage or an answer in a document whose line breaks differ from the golden set's copy (a
 * PDF's text breaks lines where the page did; a Ragas context is often copied out of another rendering).
 */
final class FoldedText {

    private final String folded;
    /** The offset in the original text of each character of {@link #folded}. */
    private final int[] origin;

    FoldedText(String text) {
        this.origin = new int[text.length()];
        var out = new StringBuilder(text.length());
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                space = true;
                continue;
            }
            if (space && !out.isEmpty()) {
                origin[out.length()] = i - 1;
                out.append(' ');
            }
            space = false;
            origin[out.length()] = i;
            out.append(Character.toLowerCase(c));
        }
        this.folded = out.toString();
    }

    /** {@code text} folded: stripped, white space runs as one space, lower case. */
    static String fold(String text) {
        return new FoldedText(text).folded;
    }

    /**
     * The [start, end) in the original text of the occurrence of {@code foldedNeedle} that starts nearest to
     * {@code near} (the first when {@code near} is negative), or null when there is none.
     */
    int[] find(String foldedNeedle, int near) {
        if (foldedNeedle.isEmpty()) {
            return null;
        }
        int[] best = null;
        for (int at = folded.indexOf(foldedNeedle); at >= 0; at = folded.indexOf(foldedNeedle, at + 1)) {
            int start = origin[at];
            if (best == null || Math.abs(start - near) < Math.abs(best[0] - near)) {
                best = new int[] {start, origin[at + foldedNeedle.length() - 1] + 1};
            }
            if (near < 0 || start >= near) {
                break;  // later occurrences are only further away
            }
        }
        return best;
    }
}
