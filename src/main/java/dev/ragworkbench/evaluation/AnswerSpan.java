package dev.ragworkbench.evaluation;

/**
 * Where a golden set's answer sits in a document: the evidence a chunk should keep whole.
 *
 * @param documentId the document (as imported) the answer is in
 * @param queryId    the question's id
 * @param question   the question
 * @param answer     the answer text
 * @param start      offset of the answer in the golden set's context (the document text when they match)
 */
public record AnswerSpan(String documentId, String queryId, String question, String answer, int start) {

    public int end() {
        return start + answer.length();
    }

    /** This span located in {@code text}: at its offset when the text matches there, else the first occurrence. */
    public AnswerSpan locateIn(String text) {
        if (answer.isEmpty()) {
            return null;
        }
        if (start >= 0 && text.startsWith(answer, start)) {
            return this;
        }
        int at = text.indexOf(answer);
        return at < 0 ? null : new AnswerSpan(documentId, queryId, question, answer, at);
    }
}
