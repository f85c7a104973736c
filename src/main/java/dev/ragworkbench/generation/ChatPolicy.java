package dev.ragworkbench.generation;

import java.time.Duration;

/**
 * How calls to a chat endpoint are retried and when a failing model is left alone. The same for every model of
 * a workbench; tests pass a fast one.
 *
 * @param maxAttempts       attempts per call, the first included (1 = no retry)
 * @param firstBackoff      wait before the first retry when the server names none ({@code Retry-After})
 * @param backoffMultiplier growth of the wait per retry
 * @param jitter            the wait is drawn from ±this share around its value, so clients do not retry in step
 * @param maxBackoff        cap on a computed wait
 * @param maxRetryAfter     a {@code Retry-After} longer than this ends the call instead of waiting
 * @param breakerFailures   failures in a row after which the model is not called for {@code breakerOpenFor}
 * @param breakerOpenFor    how long the breaker stays open before one trial call is let through
 */
public record ChatPolicy(int maxAttempts, Duration firstBackoff, double backoffMultiplier, double jitter,
                         Duration maxBackoff, Duration maxRetryAfter, int breakerFailures, Duration breakerOpenFor) {

    /** The seed's rule: 5 failures in a row stop calls for 60 s; 4 attempts, 1 s doubling up to 30 s. */
    public static final ChatPolicy DEFAULT = new ChatPolicy(4, Duration.ofSeconds(1), 2.0, 0.5,
            Duration.ofSeconds(30), Duration.ofSeconds(120), 5, Duration.ofSeconds(60));

    public ChatPolicy {
        if (maxAttempts < 1 || breakerFailures < 1) {
            throw new IllegalArgumentException("a chat policy needs at least one attempt and one failure to break");
        }
        if (jitter < 0 || jitter >= 1 || backoffMultiplier < 1) {
            throw new IllegalArgumentException("jitter must be in [0, 1) and the multiplier at least 1");
        }
    }

    public ChatPolicy withMaxAttempts(int attempts) {
        return new ChatPolicy(attempts, firstBackoff, backoffMultiplier, jitter, maxBackoff, maxRetryAfter,
                breakerFailures, breakerOpenFor);
    }

    public ChatPolicy withBreaker(int failures, Duration openFor) {
        return new ChatPolicy(maxAttempts, firstBackoff, backoffMultiplier, jitter, maxBackoff, maxRetryAfter,
                failures, openFor);
    }

    public ChatPolicy withBackoff(Duration first, Duration max, Duration maxRetryAfterWait) {
        return new ChatPolicy(maxAttempts, first, backoffMultiplier, jitter, max, maxRetryAfterWait,
                breakerFailures, breakerOpenFor);
    }
}
