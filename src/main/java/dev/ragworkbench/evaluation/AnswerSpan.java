package dev.ragworkbench.evaluation;

/**
 * Where an eval set's answer sits in a document: the evidence a chunk should keep whole.
 *
 * @param documentId the document (as imported) the answer is in
 * @param queryId    the question's id
 * @param question   the question
 * @param answer     the answer text
 * @param start      offset of the answer in the eval set's context (the document text when they match)
 */
public record AnswerSpan(String documentId, String queryId, String question, String answer, int start) {

    public int end() {
        return start + answer.length();
    }

    /**
     * This span located in {@code text}: at its offset when the text matches there; else the occurrence nearest
     * to it (COVID-QA's offsets are sometimes off by a few characters); else, ignoring case and how white space
     * breaks, as a PDF's text breaks its lines, with the span's answer as the text has it. Null when absent.
     */
    public AnswerSpan locateIn(String text) {
        if (answer.isEmpty()) {
            return null;
        }
        if (start >= 0 && text.startsWith(answer, start)) {
            return this;
        }
        int at = nearest(text);
        if (at >= 0) {
            return new AnswerSpan(documentId, queryId, question, answer, at);
        }
        int[] loose = new FoldedText(text).find(FoldedText.fold(answer), start);
        return loose == null ? null
                : new AnswerSpan(documentId, queryId, question, text.substring(loose[0], loose[1]), loose[0]);
    }

    /** The exact occurrence of the answer nearest to {@link #start}, or -1. */
    private int nearest(String text) {
        int best = -1;
        for (int at = text.indexOf(answer); at >= 0; at = text.indexOf(answer, at + 1)) {
            if (best < 0 || Math.abs(at - start) < Math.abs(best - start)) {
                best = at;
            }
            if (start < 0 || at >= start) {
                break;
            }
        }
        return best;
    }
}
