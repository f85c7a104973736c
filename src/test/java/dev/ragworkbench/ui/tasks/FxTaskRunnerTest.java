package dev.ragworkbench.ui.tasks;

import javafx.application.Platform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real runner on the real FX thread: when a cancelled task counts as finished. The Import pane reloads its
 * table when an import finishes, so finishing while the worker is still writing showed a table short of the store.
 */
class FxTaskRunnerTest {

    private final List<Throwable> reported = new CopyOnWriteArrayList<>();
    private final FxTaskRunner runner = new FxTaskRunner((title, error) -> reported.add(error));

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void close() {
        runner.close();
    }

    @Test
    void aCancelledTaskFinishesOnlyWhenItsWorkHasReturned() throws Exception {
        var started = new CountDownLatch(1);
        var letGo = new CountDownLatch(1);
        var written = new AtomicBoolean();
        var writtenWhenFinished = new AtomicBoolean();
        var finishedCount = new AtomicInteger();
        var succeeded = new AtomicBoolean();
        TaskHandle[] handle = new TaskHandle[1];
        onFx(() -> handle[0] = runner.run(TaskRequest.<String>of("Writing a batch", (progress, cancel) -> {
                    started.countDown();
                    // a write that does not look at the cancellation, as a database commit in progress does not;
                    // the interrupt that cancelling sends is swallowed for the same reason
                    while (true) {
                        try {
                            if (letGo.await(10, TimeUnit.SECONDS)) {
                                break;
                            }
                        } catch (InterruptedException e) {
                            // keep writing
                        }
                    }
                    written.set(true);
                    progress.progress("import", 5, 10);
                    return "done";
                })
                .onSuccess(v -> succeeded.set(true))
                .onFinished(() -> {
                    writtenWhenFinished.set(written.get());
                    finishedCount.incrementAndGet();
                })));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        onFx(() -> handle[0].cancel());
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        // still listed, saying so, and not finished while the work is still writing
        assertThat(finishedCount).hasValue(0);
        assertThat(handle[0].isDone()).isFalse();
        assertThat(runner.busy()).isTrue();
        assertThat(runner.running()).hasSize(1);
        assertThat(WaitForAsyncUtils.asyncFx(() -> runner.running().getFirst().messageProperty().get())
                .get(10, TimeUnit.SECONDS)).isEqualTo("Cancelling…");

        letGo.countDown();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> finishedCount.get() > 0);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(writtenWhenFinished).isTrue();
        assertThat(finishedCount).hasValue(1);
        assertThat(succeeded).as("a cancelled task's result is not delivered").isFalse();
        assertThat(runner.running()).isEmpty();
        assertThat(runner.busy()).isFalse();
        assertThat(handle[0].isDone()).isTrue();
        assertThat(runner.running()).isEmpty();
        assertThat(reported).isEmpty();
    }

    @Test
    void aTaskCancelledBeforeItBeganFinishesAtOnceAndNeverRuns() throws Exception {
        var ran = new AtomicBoolean();
        var finishedCount = new AtomicInteger();
        TaskHandle[] handle = new TaskHandle[1];
        onFx(() -> {
            runner.hold();
            handle[0] = runner.run(TaskRequest.<String>of("Waiting its turn", (progress, cancel) -> {
                ran.set(true);
                return "ran";
            }).onFinished(finishedCount::incrementAndGet));
            handle[0].cancel();
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(finishedCount).hasValue(1);
        assertThat(runner.running()).isEmpty();
        onFx(runner::release);
        WaitForAsyncUtils.sleep(200, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(ran).isFalse();
        assertThat(finishedCount).hasValue(1);
        assertThat(runner.busy()).isFalse();
    }

    /** A search that answers after the window closed asks for its next task: it never runs, and nothing throws. */
    @Test
    void aTaskAskedForAfterClosingFinishesWithoutRunning() throws Exception {
        var ran = new AtomicBoolean();
        var finishedCount = new AtomicInteger();
        onFx(runner::close);
        onFx(() -> runner.run(TaskRequest.<String>of("Search", (progress, cancel) -> {
            ran.set(true);
            return "hits";
        }).onFinished(finishedCount::incrementAndGet)));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> finishedCount.get() > 0);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(ran).isFalse();
        assertThat(finishedCount).hasValue(1);
        assertThat(reported).isEmpty();
        assertThat(runner.busy()).isFalse();
    }

    @Test
    void aTaskThatStopsAtTheCancellationFinishesOnceAndReportsNoError() throws Exception {
        var started = new CountDownLatch(1);
        var finishedCount = new AtomicInteger();
        var failed = new AtomicBoolean();
        TaskHandle[] handle = new TaskHandle[1];
        onFx(() -> handle[0] = runner.run(TaskRequest.<String>of("Importing", (progress, cancel) -> {
                    started.countDown();
                    for (int i = 0; ; i++) {
                        cancel.check();
                        progress.progress("import", i, 1_000_000);
                        Thread.onSpinWait();
                    }
                })
                .onFailure(e -> failed.set(true))
                .onFinished(finishedCount::incrementAndGet)));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        onFx(() -> handle[0].cancel());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> finishedCount.get() > 0);
        WaitForAsyncUtils.sleep(200, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(finishedCount).hasValue(1);
        assertThat(failed).isFalse();
        assertThat(reported).isEmpty();
        assertThat(runner.running()).isEmpty();
        assertThat(runner.busy()).isFalse();
    }

    /**
     * Closing the runner (the window closes) cancels the tasks, but an essential one (a pane's last grades) still
     * waiting for a worker is run to its end first; the others, waiting too, never run.
     */
    @Test
    void closingRunsAnEssentialTaskStillWaitingAndCancelsTheRest() throws Exception {
        int workers = Math.max(2, Runtime.getRuntime().availableProcessors());
        var busy = new CountDownLatch(workers);
        var essentialRan = new AtomicBoolean();
        var otherRan = new AtomicBoolean();
        onFx(() -> {
            for (int i = 0; i < workers; i++) {
                runner.run(TaskRequest.<Void>of("Busy " + i, (progress, cancel) -> {
                    busy.countDown();
                    while (!cancel.isCancelled()) {
                        Thread.onSpinWait();
                    }
                    return null;
                }));
            }
            runner.run(TaskRequest.<Void>of("Saving grades", (progress, cancel) -> {
                Thread.sleep(200); // a write that takes a moment
                essentialRan.set(true);
                return null;
            }).unlisted().essential());
            runner.run(TaskRequest.<Void>of("Reading a list", (progress, cancel) -> {
                otherRan.set(true);
                return null;
            }).unlisted());
        });
        assertThat(busy.await(10, TimeUnit.SECONDS)).isTrue();
        // close as the window does (its own thread here: the close waits for workers that report to the FX thread)
        var closed = new Thread(runner::close);
        closed.start();
        closed.join(20_000);
        assertThat(closed.isAlive()).isFalse();
        assertThat(essentialRan).as("the essential task ran before the close returned").isTrue();
        assertThat(otherRan).as("a task not begun is cancelled").isFalse();
    }

    /**
     * The status bar's words for each step of an index build, with the real model: the embedding step reads as
     * itself, counted across the build's steps (the second step's 40 texts after the first step's 40), not as the
     * chunking step that came before it.
     */
    @Test
    void eachStepShowsItsOwnLabelAndCountsAcrossTheSteps() throws Exception {
        var messages = new CopyOnWriteArrayList<String>();
        var release = new CountDownLatch(1);
        var texts = java.util.Collections.nCopies(40, "Vitamin D does not prevent fractures in older adults.");
        try (var model = dev.ragworkbench.embedding.Embedders.open(dev.ragworkbench.embedding.Embedders.DEFAULT)) {
            onFx(() -> {
                // on the FX thread, so the listener below is there before the worker's first message arrives
                runner.run(TaskRequest.<Void>of("Building index", (progress, cancel) -> {
                    progress.progress(dev.ragworkbench.progress.Stages.CHUNK, 24, 24);
                    model.embedDocuments(texts, progress.slice(40, 80), cancel);
                    release.await(10, TimeUnit.SECONDS);
                    return null;
                }));
                runner.running().getFirst().messageProperty().addListener((o, was, now) -> messages.add(now));
            });
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> messages.contains("Embedding chunks 80 of 80"));
            release.countDown();
        }
        // (the runner shows the latest message at each pulse, so the quick chunking step may not be seen at all)
        assertThat(messages).contains("Embedding chunks 80 of 80").allSatisfy(m -> assertThat(m).matches(
                "Starting…|Chunking documents 24 of 24|Embedding chunks (4\\d|[5-7]\\d|80) of 80"));
    }

    private static void onFx(Runnable action) throws Exception {
        WaitForAsyncUtils.asyncFx(action).get(10, TimeUnit.SECONDS);
        assertThat(Platform.isFxApplicationThread()).isFalse();
    }
}
