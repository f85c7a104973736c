package dev.ragworkbench.generation;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.ragworkbench.progress.Cancellation;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * A chat endpoint (OpenAI-compatible or Ollama) behind the workspace's call cache, the model's concurrency limit
 * (a bulkhead), a circuit breaker and retries with backoff (resilience4j), each attempt bounded by the model's
 * timeout. One call is one logical answer however many attempts it took; only its answer is cached and returned.
 */
final class EndpointChatClient implements ChatClient {

    /** What all clients of one model share in a workbench: its breaker, its concurrency limit, its last failure. */
    record Guard(CircuitBreaker breaker, Bulkhead bulkhead, AtomicReference<String> lastFailure) {
    }

    private static final long POLL_MS = 20;

    private final ChatModelSettings settings;
    private final java.net.http.HttpClient http;
    private final ChatCallCache cache;
    private final boolean fresh;
    private final ChatPolicy policy;
    private final Guard guard;
    private final Retry retry;
    private final String key;
    private final String keySource;
    private final ChatFailure keyFailure;

    EndpointChatClient(ChatModelSettings settings, java.net.http.HttpClient http, ChatCallCache cache, boolean fresh,
                       ChatPolicy policy, Guard guard, Retry retry, ApiKeys keys) {
        this.settings = settings;
        this.http = http;
        this.cache = cache;
        this.fresh = fresh;
        this.policy = policy;
        this.guard = guard;
        this.retry = retry;
        String k = null;
        ChatFailure failure = null;
        try {
            k = keys.keyFor(settings).orElse(null);
        } catch (ChatFailure f) {
            failure = f;
        }
        this.key = k;
        this.keyFailure = failure;
        this.keySource = settings.apiKeyEnv() != null ? "$" + settings.apiKeyEnv()
                : k != null ? "the keys file" : "none given";
    }

    @Override
    public String modelName() {
        return settings.name();
    }

    @Override
    public int concurrency() {
        return settings.concurrency();
    }

    @Override
    public ChatReply chat(ChatRequest request, Cancellation cancel) throws ChatFailure {
        return call(request, cancel, null);
    }

    @Override
    public ChatReply stream(ChatRequest request, Cancellation cancel, Consumer<String> partial) throws ChatFailure {
        return call(request, cancel, partial);
    }

    private ChatReply call(ChatRequest request, Cancellation cancel, Consumer<String> partial) throws ChatFailure {
        checkCancelled(cancel);
        String cacheKey = cache == null ? null : ChatCallCache.key(settings, request);
        if (cacheKey != null && !fresh) {
            var hit = cache.get(cacheKey);
            if (hit.isPresent()) {
                if (partial != null) {
                    partial.accept(hit.get().text());
                }
                return hit.get();
            }
        }
        if (keyFailure != null) {
            throw new ChatFailure(keyFailure.kind(), keyFailure.getMessage());
        }
        while (!guard.bulkhead().tryAcquirePermission()) {
            checkCancelled(cancel);
        }
        try {
            ChatReply reply = retried(request, cancel, partial);
            if (cacheKey != null) {
                cache.put(cacheKey, settings.name(), reply);
            }
            return reply;
        } finally {
            guard.bulkhead().onComplete();
        }
    }

    private ChatReply retried(ChatRequest request, Cancellation cancel, Consumer<String> partial) throws ChatFailure {
        Retry.AsyncContext<ChatReply> context = retry.asyncContext();
        for (int attempts = 1; ; attempts++) {
            checkCancelled(cancel);
            if (!guard.breaker().tryAcquirePermission()) {
                String last = guard.lastFailure().get();
                throw new ChatFailure(ChatFailure.Kind.CIRCUIT_OPEN, "model " + settings.name() + " is not called"
                        + " for " + Attempt.seconds(policy.breakerOpenFor()) + " after " + policy.breakerFailures()
                        + " failures in a row" + (last == null ? "" : " (the last: " + last + ")"));
            }
            var attempt = new Attempt(settings, key, keySource, cancel);
            long start = System.nanoTime();
            try {
                ChatReply reply = once(request, attempt, partial, start);
                guard.breaker().onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                context.onComplete();
                return reply;
            } catch (TransportFailure f) {
                if (f.kind == ChatFailure.Kind.CANCELLED) {
                    guard.breaker().releasePermission();
                    throw new ChatFailure(ChatFailure.Kind.CANCELLED, "cancelled");
                }
                guard.breaker().onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, f);
                guard.lastFailure().set(f.getMessage());
                String reason = f.getMessage() + (attempts > 1 ? " (after " + attempts + " attempts)" : "");
                if (f.retryAfter != null && f.retryAfter.compareTo(policy.maxRetryAfter()) > 0) {
                    throw new ChatFailure(f.kind, reason + "; the server asks to wait " + Attempt.seconds(f.retryAfter)
                            + ", longer than the " + Attempt.seconds(policy.maxRetryAfter()) + " this app waits");
                }
                long wait = f.retryable && !attempt.emitted ? context.onError(f) : -1;
                if (wait < 0) {
                    throw new ChatFailure(f.kind, reason);
                }
                sleep(wait, cancel);
            }
        }
    }

    private ChatReply once(ChatRequest request, Attempt attempt, Consumer<String> partial, long start) {
        var client = new EndpointHttpClient(http, attempt);
        String url = endpoint();
        ChatResponse response;
        try {
            var lcRequest = LangChainModels.request(request);
            if (partial == null) {
                response = LangChainModels.chat(settings, key, client.builder()).chat(lcRequest);
            } else {
                var done = new CompletableFuture<ChatResponse>();
                LangChainModels.streaming(settings, key, client.builder()).chat(lcRequest,
                        new StreamingChatResponseHandler() {
                            @Override
                            public void onPartialResponse(String text) {
                                attempt.emitted = true;
                                partial.accept(attempt.redact(text));
                            }

                            @Override
                            public void onCompleteResponse(ChatResponse r) {
                                done.complete(r);
                            }

                            @Override
                            public void onError(Throwable error) {
                                done.completeExceptionally(error);
                            }
                        });
                response = await(done, attempt, url);
            }
        } catch (RuntimeException e) {
            throw mapped(e, attempt, url);
        }
        String text = response == null || response.aiMessage() == null ? null : response.aiMessage().text();
        if (text == null) {
            throw protocol(attempt, url, "it holds no message text");
        }
        var usage = response.tokenUsage();
        int in = usage == null || usage.inputTokenCount() == null ? -1 : usage.inputTokenCount();
        int out = usage == null || usage.outputTokenCount() == null ? -1 : usage.outputTokenCount();
        long latency = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        return new ChatReply(attempt.redact(text), in, out, latency, false);
    }

    private static ChatResponse await(CompletableFuture<ChatResponse> done, Attempt attempt, String url) {
        while (true) {
            try {
                return done.get(POLL_MS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                TransportFailure abort = attempt.abort(url);
                if (abort != null) {
                    throw abort;
                }
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransportFailure(ChatFailure.Kind.CANCELLED, "cancelled", false);
            }
        }
    }

    private TransportFailure mapped(RuntimeException e, Attempt attempt, String url) {
        var f = TransportFailure.in(e);
        if (f != null) {
            return f;
        }
        if (attempt.responded) {
            return protocol(attempt, url, firstLine(attempt, e));
        }
        return new TransportFailure(ChatFailure.Kind.OTHER, "calling " + url + " failed: " + firstLine(attempt, e),
                false);
    }

    private TransportFailure protocol(Attempt attempt, String url, String why) {
        String protocol = settings.provider() == ChatProvider.OLLAMA ? "Ollama /api/chat" : "OpenAI chat-completions";
        return new TransportFailure(ChatFailure.Kind.PROTOCOL, "the reply from " + url + " is not the " + protocol
                + " protocol: " + why, false);
    }

    private static String firstLine(Attempt attempt, Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        m = attempt.redact(m.lines().findFirst().orElse("").strip());
        return m.length() > 160 ? m.substring(0, 160) + "…" : m;
    }

    /** The URL LangChain4j posts to, for messages. */
    String endpoint() {
        return settings.baseUrl() + (settings.provider() == ChatProvider.OLLAMA ? "/api/chat" : "/chat/completions");
    }

    private static void sleep(long millis, Cancellation cancel) throws ChatFailure {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() - end < 0) {
            checkCancelled(cancel);
            try {
                Thread.sleep(Math.min(POLL_MS, Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()))));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        checkCancelled(cancel);
    }

    private static void checkCancelled(Cancellation cancel) throws ChatFailure {
        if (cancel.isCancelled()) {
            throw new ChatFailure(ChatFailure.Kind.CANCELLED, "cancelled");
        }
    }
}
