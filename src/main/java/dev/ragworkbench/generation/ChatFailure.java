package dev.ragworkbench.generation;

/**
 * A call that failed for good (after whatever retries the model's policy allows), with a reason a user can act
 * on: "connection refused by http://localhost:11434", "401 Unauthorized: check the key in OPENAI_API_KEY", …
 * Its message never contains an API key.
 */
public final class ChatFailure extends Exception {

    /** What kind of failure: lets callers count them and tests assert on them without parsing messages. */
    public enum Kind {
        CONNECTION, AUTHENTICATION, UNKNOWN_MODEL, TIMEOUT, RATE_LIMITED, SERVER_ERROR, PROTOCOL,
        CIRCUIT_OPEN, MISSING_PREDICTION, CANCELLED, OTHER
    }

    private final Kind kind;

    public ChatFailure(Kind kind, String reason) {
        super(reason);
        this.kind = kind;
    }

    public ChatFailure(Kind kind, String reason, Throwable cause) {
        super(reason, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
