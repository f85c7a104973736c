package dev.ragworkbench.experiment;

import dev.ragworkbench.generation.ChatClient;
import dev.ragworkbench.generation.ChatFailure;
import dev.ragworkbench.generation.ChatReply;
import dev.ragworkbench.generation.ChatRequest;
import dev.ragworkbench.progress.Cancellation;
import dev.ragworkbench.progress.ProgressListener;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntFunction;

/**
 * Asks one model every request, up to its {@link ChatClient#concurrency()} at a time on a bounded pool, and keeps
 * every answer received. Cancelling stops the calls in flight (through the client) and those not yet asked; the
 * results already in are returned all the same, the others as {@code CANCELLED} failures.
 */
final class ItemCalls {

    /** A predictions file answers from memory: more threads than this would only cost start-up. */
    static final int MAX_THREADS = 64;
    /** How long calls in flight get to notice a cancel before their threads are interrupted. */
    private static final long GRACE_MS = 5_000;

    /** One call's outcome: a reply or a failure. */
    record Result(ChatReply reply, ChatFailure failure) {
    }

    private ItemCalls() {
    }

    static List<Result> callAll(ChatClient client, List<ChatRequest> requests, String stage,
                                ProgressListener progress, Cancellation cancel) {
        return forEach(client, requests.size(), (i, calls) -> call(client, requests.get(i), calls),
                i -> new Result(null, new ChatFailure(ChatFailure.Kind.CANCELLED, "cancelled before an answer came")),
                stage, progress, cancel);
    }

    /** One unit of work against a model: the {@code index}-th, stopped through {@code calls} on a cancel. */
    @FunctionalInterface
    interface Work<T> {
        T run(int index, Cancellation calls);
    }

    /**
     * Runs {@code work} for indexes 0 to {@code n - 1} on a pool as wide as {@code client}'s concurrency (so a judge
     * asking two questions per item keeps to its limit as a model run does), reporting each one done under
     * {@code stage}. Cancelling stops what is in flight through the workers' own {@link Cancellation}; an index
     * that never finished gets {@code notDone}'s value.
     */
    static <T> List<T> forEach(ChatClient client, int n, Work<T> work, IntFunction<T> notDone, String stage,
                               ProgressListener progress, Cancellation cancel) {
        var results = new AtomicReferenceArray<T>(n);
        if (n == 0) {
            return List.of();
        }
        int threads = Math.max(1, Math.min(n, Math.min(client.concurrency(), MAX_THREADS)));
        var calls = new Cancellation(); // the workers' own: the caller's also reads its thread's interrupt
        var done = new AtomicInteger();
        progress.progress(stage, 0, n);
        ExecutorService pool = Executors.newFixedThreadPool(threads,
                Thread.ofPlatform().daemon().name("chat-" + client.modelName() + "-", 0).factory());
        boolean interrupted = false;
        try {
            for (int i = 0; i < n; i++) {
                int at = i;
                pool.execute(() -> {
                    results.set(at, work.run(at, calls));
                    progress.progress(stage, done.incrementAndGet(), n);
                });
            }
            pool.shutdown();
            while (true) {
                try {
                    if (pool.awaitTermination(50, TimeUnit.MILLISECONDS)) {
                        break;
                    }
                    if (cancel.isCancelled()) {
                        calls.cancel();
                        break;
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                    calls.cancel();
                    break;
                }
            }
            if (calls.isCancelled()) {
                interrupted |= await(pool, GRACE_MS);
                pool.shutdownNow();
                interrupted |= await(pool, GRACE_MS);
            }
        } finally {
            pool.shutdownNow();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        var out = new ArrayList<T>(n);
        for (int i = 0; i < n; i++) {
            T r = results.get(i);
            out.add(r != null ? r : notDone.apply(i));
        }
        return out;
    }

    private static Result call(ChatClient client, ChatRequest request, Cancellation calls) {
        if (calls.isCancelled()) {
            return new Result(null, new ChatFailure(ChatFailure.Kind.CANCELLED, "cancelled before it was asked"));
        }
        try {
            return new Result(client.chat(request, calls), null);
        } catch (ChatFailure f) {
            return new Result(null, f);
        } catch (RuntimeException e) {
            // a client's bug must not lose the other items' answers; the item says what happened
            return new Result(null, new ChatFailure(ChatFailure.Kind.OTHER,
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e));
        }
    }

    /** Waits without being stopped by an interrupt; returns whether one came. */
    private static boolean await(ExecutorService pool, long ms) {
        boolean interrupted = false;
        long end = System.nanoTime() + ms * 1_000_000;
        while (!pool.isTerminated() && System.nanoTime() < end) {
            try {
                pool.awaitTermination(Math.max(1, (end - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        return interrupted;
    }
}
