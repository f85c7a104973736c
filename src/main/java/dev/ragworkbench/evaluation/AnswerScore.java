package dev.ragworkbench.evaluation;

/**
 * One answer metric's verdict on one output. An unscored verdict (the expected output itself cannot be read by
 * the metric) is left out of the metric's mean, never counted as 0.
 *
 * @param scored whether {@code value} is a score
 * @param value  the score, in [0, 1] (cosine in [-1, 1]); 0 when not scored
 * @param note   why the score is what it is, when that needs saying ("the output is not JSON: …"), or why it
 *               could not be scored; null otherwise
 */
public record AnswerScore(boolean scored, double value, String note) {

    public AnswerScore {
        if (scored && !Double.isFinite(value)) {
            throw new IllegalArgumentException("a score must be a finite number, got " + value);
        }
        value = scored ? value : 0;
    }

    public static AnswerScore of(double value) {
        return new AnswerScore(true, value, null);
    }

    public static AnswerScore of(double value, String note) {
        return new AnswerScore(true, value, note);
    }

    public static AnswerScore unscored(String reason) {
        return new AnswerScore(false, 0, reason);
    }
}
