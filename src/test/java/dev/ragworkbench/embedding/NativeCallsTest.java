package dev.ragworkbench.embedding;

import dev.ragworkbench.progress.Cancellation;
import dev.ragworkbench.progress.CancelledException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Collections;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The gate in front of the model's native code, on its own and with the real MiniLM model: closing waits for the
 * calls inside, and refuses the ones after. (The process-wide stop is exercised in child JVMs by
 * {@code StopWhileModelWorksTest}: stopping this JVM's gate would stop every later test's model.)
 */
class NativeCallsTest {

    @Test
    void shuttingWaitsForTheCallInsideThenRefusesNewOnes() throws Exception {
        var gate = NativeCalls.of("a test gate");
        var inside = new CountDownLatch(1);
        var leave = new CountDownLatch(1);
        Thread caller = Thread.ofPlatform().start(() -> {
            try (var call = gate.enter()) {
                inside.countDown();
                leave.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(gate.shut(Duration.ofMillis(200))).as("a call is inside").isFalse();
        assertThatThrownBy(gate::enter).isInstanceOf(CancelledException.class);
        leave.countDown();
        assertThat(gate.shut(Duration.ofSeconds(10))).isTrue();
        caller.join();
        // the process gate counted the call in and out
        assertThat(NativeCalls.PROCESS.call(() -> "entered")).isEqualTo("entered");
    }

    @Test
    void closingTheModelWhileABatchRunsWaitsForItAndTheNextBatchEndsAsCancelled() throws Exception {
        var model = Embedders.open(Embedders.DEFAULT);
        var firstBatchDone = new CountDownLatch(1);
        var failure = new AtomicReference<Throwable>();
        var texts = Collections.nCopies(400, "Interleukin six levels rise early in sepsis and fall with treatment.");
        Thread worker = Thread.ofPlatform().start(() -> {
            try {
                model.embedDocuments(texts, (stage, done, total) -> {
                    if (done > 0) {
                        firstBatchDone.countDown();
                    }
                }, Cancellation.none());
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        assertThat(firstBatchDone.await(60, TimeUnit.SECONDS)).isTrue();
        long start = System.nanoTime();
        model.close(); // before the gate, this freed the session under the running batch
        long closeMs = (System.nanoTime() - start) / 1_000_000;
        worker.join(60_000);
        assertThat(failure.get()).as("the batches after the close are refused").isInstanceOf(CancelledException.class);
        assertThatThrownBy(() -> model.embedQuery("sepsis")).isInstanceOf(CancelledException.class);
        assertThat(closeMs).as("waited for one batch, not for all of them").isLessThan(30_000);
    }
}
