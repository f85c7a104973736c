package dev.ragworkbench.experiment.store;

import dev.ragworkbench.workspace.Workspace;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reader (the GUI) and a writer (a CLI run) in two processes on one workspace, through H2's AUTO_SERVER: the
 * reader only ever sees whole runs, and can write too (tagging runs the other process finished).
 */
class TwoProcessesTest {

    static final int RUNS = 12;

    @TempDir
    Path dir;

    /**
     * @param readerFirst whether this process opens the database first (and so serves it to the worker) or the
     *                    worker does (and this process becomes its client, then takes over when it exits)
     */
    @ParameterizedTest(name = "reader opens the workspace first: {0}")
    @ValueSource(booleans = {true, false})
    void aReaderSeesOnlyWholeRunsWhileAnotherProcessWritesThem(boolean readerFirst) throws Exception {
        Path wsDir = dir.resolve("ws");
        Path marker = dir.resolve("open.marker");
        Workspace workspace = readerFirst ? Workspace.open(wsDir) : null;
        long t0 = System.nanoTime();
        Process worker = Jvm.startWorker(dir, "write", wsDir.toString(), marker.toString(), Integer.toString(RUNS));
        try {
            Jvm.awaitMarker(worker, marker, dir, Duration.ofSeconds(60));
            if (workspace == null) {
                workspace = Workspace.open(wsDir);
            }
            var store = new RunStore(workspace);
            int reads = 0;
            int tagged = 0;
            boolean sawRunsInProgress = false;
            while (worker.isAlive()) {
                var runs = store.runs(RunQuery.all());
                reads++;
                if (!runs.isEmpty() && runs.size() < RUNS) {
                    sawRunsInProgress = true;
                }
                for (Run run : runs) {
                    assertThat(run.params()).as("params come with the run").hasSize(3);
                    if (run.status() == RunStatus.FINISHED) {
                        assertWhole(store, run);
                        if (!run.tags().containsKey("seen")) {
                            store.setTag(run.id(), "seen", "by the reader");
                            tagged++;
                        }
                    } else {
                        assertThat(run.status()).isEqualTo(RunStatus.RUNNING);
                        // per-query values of a metric are all there or not at all
                        for (var metric : StoreWorker.METRICS) {
                            assertThat(store.queryMetrics(run.id(), metric).size()).isIn(0, StoreWorker.QUERIES);
                        }
                    }
                }
            }
            assertThat(Jvm.awaitExit(worker, dir, Duration.ofSeconds(30))).as(Jvm.log(dir)).isZero();
            long millis = (System.nanoTime() - t0) / 1_000_000;

            var runs = store.runs(RunQuery.all());
            assertThat(runs).hasSize(RUNS).allMatch(r -> r.status() == RunStatus.FINISHED);
            runs.forEach(run -> assertWhole(store, run));
            assertThat(sawRunsInProgress).as("the reader overlapped the writer").isTrue();
            assertThat(store.runs(RunQuery.all()).stream().filter(r -> r.tags().containsKey("seen")).count())
                    .isEqualTo(tagged).isPositive();
            System.out.printf("two processes (reader first: %s): %d runs written while %d listings read, %d ms%n",
                    readerFirst, RUNS, reads, millis);
        } finally {
            worker.destroyForcibly().waitFor();
            if (workspace != null) {
                workspace.close();
            }
        }
    }

    static void assertWhole(RunStore store, Run run) {
        assertThat(run.metrics()).as(run.id()).containsOnlyKeys("ndcg@10", "recall@100", "mrr@10");
        for (var metric : StoreWorker.METRICS) {
            var values = store.queryMetrics(run.id(), metric);
            assertThat(values).as(run.id() + " " + metric).hasSize(StoreWorker.QUERIES);
            assertThat(values.values().stream().mapToDouble(Double::doubleValue).average().orElseThrow())
                    .isEqualTo(run.metrics().get(metric.toString()), org.assertj.core.api.Assertions.within(1e-12));
        }
        assertThat(run.artifacts()).singleElement().satisfies(a -> assertThat(store.file(a)).content().contains(run.id()));
        assertThat(run.durationMs()).isNotNull().isNotNegative();
    }
}
