package dev.ragworkbench.embedding;

import dev.ragworkbench.progress.CancelledException;

import java.util.ArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Java threads that run different batches through the same model session at once. The calling thread is always
 * one of the workers, so with one worker there is no pool at all.
 */
final class EmbeddingWorkers implements AutoCloseable {

    private final int workers;
    /** The extra workers; null with a single worker. */
    private final ExecutorService pool;

    EmbeddingWorkers(String name, int workers) {
        this.workers = workers;
        this.pool = workers > 1
                ? Executors.newFixedThreadPool(workers - 1, Thread.ofPlatform().daemon().name("embed-" + name + "-", 1)
                        .factory())
                : null;
    }

    /**
     * Runs {@code task} for every index in 0..count-1, each exactly once, on the caller plus the pool's threads.
     * The first failure stops the others after their current task and is thrown; an interrupt of the caller
     * while waiting becomes a {@link CancelledException}.
     */
    void forEach(int count, IntConsumer task) {
        AtomicInteger next = new AtomicInteger();
        Runnable work = () -> {
            for (int i; (i = next.getAndIncrement()) < count; ) {
                task.accept(i);
            }
        };
        int extra = pool == null ? 0 : Math.min(workers - 1, count - 1);
        var futures = new ArrayList<Future<?>>(extra);
        for (int i = 0; i < extra; i++) {
            futures.add(pool.submit(work));
        }
        RuntimeException failure = null;
        try {
            work.run();
        } catch (RuntimeException e) {
            failure = e;
            next.set(count); // the others stop after their current batch
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (ExecutionException e) {
                next.set(count);
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException re ? re
                            : new IllegalStateException("embedding failed: " + e.getCause(), e.getCause());
                }
            } catch (InterruptedException e) {
                next.set(count);
                Thread.currentThread().interrupt();
                if (failure == null) {
                    failure = new CancelledException();
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
