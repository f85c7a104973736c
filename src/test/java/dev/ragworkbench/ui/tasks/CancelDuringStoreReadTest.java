package dev.ragworkbench.ui.tasks;

import dev.ragworkbench.app.Workbench;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cancelling a task from the status bar while it works in the workspace database leaves the database whole. The
 * runner used to interrupt the task's thread. An interrupt that reaches H2's file I/O closes its
 * {@code FileChannel} (NIO channels are interruptible): the write in progress failed with
 * ClosedByInterruptException, H2 closed the database under every session open at that moment, and the Retrieval
 * pane's later reads failed. A real H2 workspace and the real runner on the real FX thread: the task polls its
 * cancellation in a wait, as the core's waits do (a lock, a chat call, a pool), keeps the interrupt status when
 * one comes (the usual idiom), and then writes its end state and reads it back, as a cancelled run writes
 * "cancelled". Then a read through the same Workbench, and a session opened before the cancel, still work.
 */
class CancelDuringStoreReadTest {

    @TempDir
    Path dir;

    private final List<Throwable> reported = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @Test
    void aTaskCancelledWhileItWorksInTheStoreLeavesTheStoreWhole() throws Exception {
        String value = "{\"v\":\"" + "x".repeat(8 * 1024) + "\"}";
        try (var bench = Workbench.open(dir.resolve("ws"));
             var runner = new FxTaskRunner((title, error) -> reported.add(error));
             // a session open across the cancel, as another pane's read is
             var other = bench.workspace().connection()) {
            bench.uiState().put("test", "seed", value);
            var started = new CountDownLatch(1);
            var finished = new CountDownLatch(1);
            var failedInWork = new CopyOnWriteArrayList<Throwable>();
            var reads = new AtomicInteger();
            TaskHandle[] handle = new TaskHandle[1];
            WaitForAsyncUtils.asyncFx(() -> handle[0] = runner.run(TaskRequest.<Void>of("Working in the store",
                    (progress, cancel) -> {
                        started.countDown();
                        try {
                            while (!cancel.isCancelled()) {
                                bench.uiState().get("test", "seed").orElseThrow();
                                reads.incrementAndGet();
                                try {
                                    Thread.sleep(5);
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                    break;
                                }
                            }
                            bench.uiState().put("test", "end", value);
                            bench.uiState().get("test", "end").orElseThrow();
                        } catch (RuntimeException e) {
                            failedInWork.add(e); // a cancelled task's failure is not reported: keep it here
                            throw e;
                        }
                        return null;
                    })
                    .onFinished(finished::countDown))).get(10, TimeUnit.SECONDS);
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> reads.get() >= 3);
            WaitForAsyncUtils.asyncFx(() -> handle[0].cancel()).get(10, TimeUnit.SECONDS);
            assertThat(finished.await(30, TimeUnit.SECONDS)).isTrue();

            assertThat(failedInWork).as("the cancelled task's end-state write and read").isEmpty();
            // the same Workbench reads what the cancelled task wrote, and writes and reads as before
            assertThat(bench.uiState().get("test", "end")).contains(value);
            assertThat(bench.uiState().get("test", "seed")).contains(value);
            bench.uiState().put("test", "after", "{\"n\":1}");
            assertThat(bench.uiState().get("test", "after")).contains("{\"n\":1}");
            assertThat(bench.evalSets().summaries()).isEmpty();
            try (var st = other.createStatement(); var rs = st.executeQuery("SELECT COUNT(*) FROM ui_state")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(3);
            }
        }
        assertThat(reported).isEmpty();
    }
}
