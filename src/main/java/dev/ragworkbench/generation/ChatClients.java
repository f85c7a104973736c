package dev.ragworkbench.generation;

/**
 * Opens a {@link ChatClient} for a model's settings. The composition root's implementation wraps an endpoint in
 * the model's concurrency limit, timeout, retries, circuit breaker and the workspace's call cache.
 */
public interface ChatClients {

    /**
     * @param fresh true to skip the call cache's answers (new answers are still written to it)
     */
    ChatClient open(ChatModelSettings settings, boolean fresh);
}
