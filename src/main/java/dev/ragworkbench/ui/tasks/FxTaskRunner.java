package dev.ragworkbench.ui.tasks;

import dev.ragworkbench.progress.Cancellation;
import dev.ragworkbench.progress.CancelledException;
import dev.ragworkbench.progress.ProgressListener;
import dev.ragworkbench.progress.Stages;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs core work as JavaFX {@link Task}s on a small pool of daemon threads. The core's {@link ProgressListener}
 * feeds the task's progress and message; cancelling sets the core's {@link Cancellation} (the core stops at the
 * next item, and its waits poll it). Cancelling never interrupts the worker thread: an interrupt that reaches the
 * workspace database's file I/O closes H2's file channel (NIO channels are interruptible), which fails the write
 * in progress and every session open at that moment (decision record 0015). Listed tasks appear in
 * {@link #running()} until they end; a cancelled one ends when its work has returned, not when it is cancelled.
 */
public final class FxTaskRunner implements TaskRunner, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FxTaskRunner.class);

    private final ObservableList<RunningTask> running = FXCollections.observableArrayList();
    private final ExecutorService executor;
    private final ErrorReporter errors;
    private final List<CoreTask<?>> held = new ArrayList<>();
    /** Every task not finished yet, listed or not: closing cancels them all. */
    private final Set<CoreTask<?>> unfinishedTasks = ConcurrentHashMap.newKeySet();
    private boolean holding;
    private int unfinished;

    public FxTaskRunner(ErrorReporter errors) {
        this.errors = errors;
        var count = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()), r -> {
            var t = new Thread(r, "ui-task-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** The listed tasks now running, for the status bar; changed on the FX thread only. */
    public ObservableList<RunningTask> running() {
        return running;
    }

    @Override
    public <T> TaskHandle run(TaskRequest<T> request) {
        var task = new CoreTask<>(request);
        unfinishedTasks.add(task);
        if (request.listed()) {
            running.add(task);
        }
        synchronized (this) {
            unfinished++;
            if (holding) {
                held.add(task);
                return task;
            }
        }
        start(task);
        return task;
    }

    /**
     * Hands the task to a worker; after {@link #close} (a search that answered as the window closed asks for the
     * next step) it is cancelled instead, so it finishes without running rather than throwing at its caller.
     */
    private void start(CoreTask<?> task) {
        try {
            executor.execute(task.task);
        } catch (RejectedExecutionException closed) {
            task.cancel();
        }
    }

    /**
     * Keeps new tasks waiting until {@link #release}: while the window builds its first frame, background work
     * (loading rows, counting tokens, opening indexes) would take the CPU that the frame needs on a 2-core machine.
     */
    public synchronized void hold() {
        holding = true;
    }

    /** Starts the tasks that {@link #hold} kept waiting, in the order they came, and any new ones at once. */
    public synchronized void release() {
        holding = false;
        held.forEach(this::start);
        held.clear();
    }

    /** Whether any task, listed or not, has not finished yet (waiting, running or about to report). */
    public synchronized boolean busy() {
        return unfinished > 0;
    }

    /**
     * Waits, at most {@code maxMillis}, until the work of every {@link TaskRequest#essential() essential} task has
     * returned (a pane's last grades, given as it was disposed): called before the workspace they write to closes.
     * Blocks the calling thread (the FX thread, as the window or the workspace closes); the work runs elsewhere.
     */
    public void awaitEssential(long maxMillis) {
        long deadline = System.nanoTime() + maxMillis * 1_000_000;
        while (unfinishedTasks.stream().anyMatch(t -> t.request.keptOnClose() && !t.workDone)) {
            if (System.nanoTime() > deadline) {
                log.warn("an essential task is still writing after {} ms", maxMillis);
                return;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** How long closing waits for essential writes, which are short (one transaction each). */
    public static final long ESSENTIAL_WAIT_MS = 10_000;

    /**
     * Cancels every task but the essential ones, lets those finish ({@link #awaitEssential}), then lets the workers
     * return, waiting at most {@value #CLOSE_WAIT_MS} ms more, so that the database the caller closes next is not
     * closed under a task's write. No worker is interrupted (see above).
     */
    @Override
    public void close() {
        List.copyOf(unfinishedTasks).stream().filter(t -> !t.request.keptOnClose()).forEach(CoreTask::cancel);
        awaitEssential(ESSENTIAL_WAIT_MS);
        List.copyOf(unfinishedTasks).forEach(CoreTask::cancel); // an essential one past its time
        executor.shutdown();
        try {
            if (!executor.awaitTermination(CLOSE_WAIT_MS, TimeUnit.MILLISECONDS)) {
                log.info("closing with {} task(s) still returning from their work", unfinishedTasks.size());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final long CLOSE_WAIT_MS = 3_000;

    private final class CoreTask<T> implements RunningTask, TaskHandle {

        private final TaskRequest<T> request;
        private final Cancellation cancellation = new Cancellation();
        private final CoreFxTask task;
        /** Taken by whichever comes first: the worker starting the work, or a cancel that finds it not started. */
        private final AtomicBoolean claimed = new AtomicBoolean();
        /** The work has returned, or will never run (cancelled before it began). */
        private volatile boolean workDone;
        // FX thread only
        private boolean cancelled;
        private boolean workerReturned;
        private volatile boolean finished;

        CoreTask(TaskRequest<T> request) {
            this.request = request;
            this.task = new CoreFxTask();
            task.setOnSucceeded(e -> finish(() -> request.onSuccess().accept(task.getValue())));
            // JavaFX reports a task cancelled at once, while its thread may still be in the core (writing the
            // batch it was on when the user clicked). Finishing then would let onFinished read the store before
            // that write lands: a cancelled import's table would miss the documents committed last. So a cancelled
            // task finishes when its work has returned, or at once if it never began.
            task.setOnCancelled(e -> {
                cancelled = true;
                if (claimed.compareAndSet(false, true)) {
                    workDone = true; // never began, never will
                    finish(() -> { });
                } else if (workerReturned) {
                    finish(() -> { });
                }
            });
            task.setOnFailed(e -> finish(() -> {
                Throwable error = task.getException();
                if (error instanceof CancelledException || cancellation.isCancelled()) {
                    return;
                }
                log.warn("{} failed", request.title(), error);
                request.onFailure().accept(error);
                if (request.reportErrors()) {
                    errors.report(request.title(), error);
                }
            }));
        }

        /** The JavaFX side of the task: runs the core work with a progress listener that feeds the status bar. */
        private final class CoreFxTask extends Task<T> {

            CoreFxTask() {
                updateMessage("Waiting…");
                updateProgress(-1, 1);
            }

            @Override
            protected T call() throws Exception {
                if (!claimed.compareAndSet(false, true)) {
                    return null;  // cancelled before it began, and already finished
                }
                try {
                    if (cancellation.isCancelled()) {
                        // cancelled from another thread (the window closing) before it began: the JavaFX task's
                        // own cancel is still on its way to the FX thread, so the flag says it first
                        throw new CancelledException();
                    }
                    updateMessage("Starting…");
                    return request.work().call(new ProgressListener() {
                        @Override
                        public void progress(String stage, long done, long total) {
                            if (cancellation.isCancelled()) {
                                return;  // keep "Cancelling…" up until the work returns
                            }
                            if (total > 0) {
                                updateProgress(done, total);
                                updateMessage(stageLabel(stage) + " " + number(done) + " of " + number(total));
                            } else {
                                updateProgress(-1, 1);
                                updateMessage(stageLabel(stage) + (done > 0 ? " " + number(done) : "") + "…");
                            }
                        }

                        @Override
                        public void note(String message) {
                            log.info("{}: {}", request.title(), message);
                        }
                    }, cancellation);
                } finally {
                    workDone = true;
                    Platform.runLater(CoreTask.this::workerReturned);
                }
            }

            void showCancelling() {
                updateMessage("Cancelling…");
            }
        }

        private void workerReturned() {
            workerReturned = true;
            if (cancelled) {
                finish(() -> { });
            }
        }

        private void finish(Runnable outcome) {
            if (finished) {
                return;
            }
            finished = true;
            unfinishedTasks.remove(this);
            running.remove(this);
            synchronized (FxTaskRunner.this) {
                unfinished--;
            }
            try {
                outcome.run();
            } finally {
                request.onFinished().run();
            }
        }

        @Override
        public String title() {
            return request.title();
        }

        @Override
        public void cancel() {
            cancellation.cancel();
            Runnable cancel = () -> {
                if (!finished) {
                    task.showCancelling();
                }
                task.cancel(false); // cooperative only: never interrupt the worker (see the class comment)
            };
            if (Platform.isFxApplicationThread()) {
                cancel.run();
            } else {
                Platform.runLater(cancel);
            }
        }

        @Override
        public ReadOnlyDoubleProperty progressProperty() {
            return task.progressProperty();
        }

        @Override
        public ReadOnlyStringProperty messageProperty() {
            return task.messageProperty();
        }

        @Override
        public boolean isDone() {
            return finished;
        }
    }

    private static String stageLabel(String stage) {
        return Stages.label(stage);
    }

    private static String number(long n) {
        return NumberFormat.getIntegerInstance(Locale.ROOT).format(n).replace('\u00a0', ',');
    }
}
