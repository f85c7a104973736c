package dev.ragworkbench.generation;

import dev.ragworkbench.evaluation.MalformedFileException;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The workbench's {@link ChatClients}: predictions models read their file, endpoints get an
 * {@link EndpointChatClient} over one shared HTTP client. A model's breaker and concurrency limit live as long as
 * the workbench, shared by every client opened for the same settings, so a second run of a failing model is
 * stopped by the same breaker and two runs of one model together keep to its concurrency.
 */
public final class WorkspaceChatClients implements ChatClients, AutoCloseable {

    private final ChatCallCache cache;
    private final ApiKeys keys;
    private final ChatPolicy policy;
    private final java.net.http.HttpClient http;
    private final Map<ChatModelSettings, EndpointChatClient.Guard> guards = new ConcurrentHashMap<>();

    /**
     * @param cache  the workspace's call cache, or null to cache nothing
     * @param keys   where API keys come from
     * @param policy retries and breaker
     */
    public WorkspaceChatClients(ChatCallCache cache, ApiKeys keys, ChatPolicy policy) {
        this.cache = cache;
        this.keys = keys;
        this.policy = policy;
        this.http = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(java.net.http.HttpClient.Redirect.NORMAL)
                .build();
    }

    public ChatPolicy policy() {
        return policy;
    }

    public ApiKeys keys() {
        return keys;
    }

    /**
     * A client for {@code settings} (validated first: an {@link IllegalArgumentException} names what is wrong). A
     * predictions file that cannot be read fails here, by file and line.
     */
    @Override
    public ChatClient open(ChatModelSettings settings, boolean fresh) {
        var s = ChatModelChecks.validate(settings);
        if (s.provider() == ChatProvider.PREDICTIONS) {
            try {
                return PredictionsClient.open(s);
            } catch (MalformedFileException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
        }
        var guard = guards.computeIfAbsent(s, this::guard);
        var retry = Retry.of(s.name(), RetryConfig.<ChatReply>custom()
                .maxAttempts(policy.maxAttempts())
                .retryOnException(t -> t instanceof TransportFailure f && f.retryable)
                .intervalBiFunction(interval())
                .build());
        return new EndpointChatClient(s, http, cache, fresh, policy, guard, retry, keys);
    }

    /** Whether calls to {@code settings}' model are stopped by its breaker now (for a pane's badge). */
    public boolean breakerOpen(ChatModelSettings settings) {
        var g = guards.get(settings);
        return g != null && g.breaker().getState() == CircuitBreaker.State.OPEN;
    }

    /** The server's {@code Retry-After} when it sent one, else exponential backoff with jitter. */
    private IntervalBiFunction<ChatReply> interval() {
        IntervalFunction backoff = IntervalFunction.ofExponentialRandomBackoff(policy.firstBackoff(),
                policy.backoffMultiplier(), policy.jitter(), policy.maxBackoff());
        return (attempt, result) -> {
            if (result.isLeft() && result.getLeft() instanceof TransportFailure f && f.retryAfter != null) {
                return f.retryAfter.toMillis();
            }
            return backoff.apply(attempt);
        };
    }

    private EndpointChatClient.Guard guard(ChatModelSettings s) {
        var breaker = CircuitBreaker.of(s.name(), CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(policy.breakerFailures())
                .minimumNumberOfCalls(policy.breakerFailures())
                .failureRateThreshold(100)
                .waitDurationInOpenState(policy.breakerOpenFor())
                .permittedNumberOfCallsInHalfOpenState(1)
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .build());
        var bulkhead = Bulkhead.of(s.name(), BulkheadConfig.custom()
                .maxConcurrentCalls(s.concurrency())
                .maxWaitDuration(Duration.ofMillis(20))
                .build());
        return new EndpointChatClient.Guard(breaker, bulkhead, new AtomicReference<>());
    }

    @Override
    public void close() {
        http.close();
    }
}
