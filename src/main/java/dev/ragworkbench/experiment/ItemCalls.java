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

/**
 * Asks one model every request, up to its {@link ChatClient#concurrency()} at a time on a bounded pool, and keeps
 * every answer received. Cancelling stops the calls in flight (through the client) and those not yet asked; the
 * results already in are returned all the same, the others as {@code CANCELLED} failures. {@link #runAll} does
 * the same for any work with one model (a judge metric's questions on one item).
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
        var tasks = requests.stream().<Task<Result>>map(r -> calls -> call(client, r, calls)).toList();
        return runAll(client, tasks, stage, progress, cancel, () -> new Result(null,
                new ChatFailure(ChatFailure.Kind.CANCELLED, "cancelled before an answer came")));
    }

    /** One unit of work with a model, told to stop through {@code calls} (the workers' cancellation). */
    interface Task<T> {
        T run(Cancellation calls);
    }

    /**
     * Runs every task on a pool as wide as {@code client}'s concurrency (a judge metric's questions, each maybe
     * asked twice), keeping every result in; a task cancelled before it finished comes back as {@code notRun}.
     */
    static <T> List<T> runAll(ChatClient client, List<Task<T>> tasks, String stage, ProgressListener progress,
                              Cancellation cancel, java.util.function.Supplier<T> notRun) {
        int n = tasks.size();
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
                    results.set(at, tasks.get(at).run(calls));
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
            out.add(r != null ? r : notRun.get());
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
