package dev.ragworkbench.generation.judge;

import dev.ragworkbench.generation.ChatReply;

import java.util.List;
import java.util.Objects;

/**
 * One judge metric's verdict on one answer: a score, or why there is none, with every reply the judge gave
 * (for its tokens, its cost, and for the user to read).
 *
 * @param value  the score when {@link Status#SCORED}, else 0 (never averaged in)
 * @param reason why it is not scored; null when scored
 */
public record JudgeVerdict(String metric, Status status, double value, String reason, List<ChatReply> replies) {

    /** What came of it; only {@link #SCORED} counts towards the metric's mean. */
    public enum Status {
        SCORED,
        /** The answer (faithfulness) or the reference answer (context_recall) split into no statement at all. */
        NO_STATEMENTS,
        /** The judge's reply could not be read, even after it was shown why. */
        UNPARSEABLE,
        /** The call to the judge failed for good (connection, breaker, …). */
        CALL_FAILED,
        /** Nothing to judge: no chunk was retrieved for the query. */
        NO_CONTEXT,
        CANCELLED;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public JudgeVerdict {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(status, "status");
        replies = List.copyOf(replies);
        if ((status == Status.SCORED) != (reason == null)) {
            throw new IllegalArgumentException(metric + ": a verdict has a reason exactly when it is not scored");
        }
        if (status == Status.SCORED && !Double.isFinite(value)) {
            throw new IllegalArgumentException(metric + ": a score must be finite, got " + value);
        }
        value = status == Status.SCORED ? value : 0;
    }

    public static JudgeVerdict scored(String metric, double value, List<ChatReply> replies) {
        return new JudgeVerdict(metric, Status.SCORED, value, null, replies);
    }

    public static JudgeVerdict failed(String metric, Status status, String reason, List<ChatReply> replies) {
        return new JudgeVerdict(metric, status, 0, reason, replies);
    }

    public boolean scored() {
        return status == Status.SCORED;
    }

    /** A failed question's outcome as this metric's verdict, its replies after {@code earlier} ones. */
    static JudgeVerdict of(String metric, JsonJudgeCall.Failed<?> failed, List<ChatReply> earlier) {
        var replies = new java.util.ArrayList<>(earlier);
        replies.addAll(failed.replies());
        Status status = failed.cancelled() ? Status.CANCELLED
                : failed.kind() == JsonJudgeCall.FailureKind.UNPARSEABLE ? Status.UNPARSEABLE : Status.CALL_FAILED;
        String reason = status == Status.UNPARSEABLE ? "the judge's reply could not be read: " + failed.reason()
                : failed.reason();
        return failed(metric, status, reason, replies);
    }
}
