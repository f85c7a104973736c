package dev.ragworkbench.experiment.store;

import dev.ragworkbench.workspace.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** Processes killed with {@link Process#destroyForcibly()} (SIGKILL): nothing committed is lost or left half-written. */
class KillTest {

    static final Duration MARK_TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @Test
    void aKilledWriterKeepsItsFinishedRunAndItsRunInFlightReadsInterrupted() throws Exception {
        Path wsDir = dir.resolve("ws");
        long t0 = System.nanoTime();
        // The worker opens the database first, so it also serves it to this process: the harder case.
        Process worker = Jvm.startWorker(dir, "hang", wsDir.toString(), dir.resolve("ids.marker").toString());
        try {
            String[] ids = Jvm.awaitMarker(worker, dir.resolve("ids.marker"), dir, MARK_TIMEOUT).split("\n");
            String finished = ids[0];
            String inFlight = ids[1];
            try (var workspace = Workspace.open(wsDir)) {
                var store = new RunStore(workspace);
                String mine = store.startRun(null, "this process's own run", Map.of(), Map.of()).id();
                assertThat(store.run(inFlight).status()).as("its writer is alive").isEqualTo(RunStatus.RUNNING);

                long killedAt = System.nanoTime();
                worker.destroyForcibly();
                assertThat(worker.waitFor()).isNotZero();

                // The same workspace object, whose server just died, opens the store again.
                var reopened = new RunStore(workspace);
                Run interrupted = reopened.run(inFlight);
                assertThat(interrupted.status()).isEqualTo(RunStatus.FAILED);
                assertThat(interrupted.statusReason()).isEqualTo("interrupted (process " + worker.pid() + " ended)");
                assertThat(interrupted.endedAt()).isEqualTo(interrupted.updatedAt());
                assertThat(interrupted.metrics()).containsExactly(Map.entry("ndcg@10", 0.25));
                assertThat(interrupted.params()).containsExactly(Map.entry("retrieval.kind", "bm25"));
                for (var metric : StoreWorker.METRICS) {
                    assertThat(reopened.queryMetrics(inFlight, metric)).hasSize(StoreWorker.QUERIES);
                }
                Run done = reopened.run(finished);
                assertThat(done.status()).isEqualTo(RunStatus.FINISHED);
                TwoProcessesTest.assertWhole(reopened, done);
                assertThat(reopened.run(mine).status()).as("owned by a live process").isEqualTo(RunStatus.RUNNING);
                System.out.printf("kill test: worker up in %d ms, store reopened %d ms after the kill%n",
                        (killedAt - t0) / 1_000_000, (System.nanoTime() - killedAt) / 1_000_000);
            }
            // And a fresh open of the workspace (as the next CLI command would) sees the same.
            try (var workspace = Workspace.open(wsDir)) {
                var store = new RunStore(workspace);
                assertThat(store.runs(RunQuery.all().status(RunStatus.RUNNING))).singleElement()
                        .satisfies(r -> assertThat(r.owner().pid()).isEqualTo(ProcessHandle.current().pid()));
                assertThat(store.runs(RunQuery.all())).hasSize(3);
            }
        } finally {
            worker.destroyForcibly().waitFor();
        }
    }

    @Test
    void aWriterKilledAtARandomMomentLeavesOnlyWholeRuns() throws Exception {
        Path wsDir = dir.resolve("ws");
        Process worker = Jvm.startWorker(dir, "churn", wsDir.toString(), dir.resolve("first.marker").toString());
        try {
            Jvm.awaitMarker(worker, dir.resolve("first.marker"), dir, MARK_TIMEOUT);
            Thread.sleep(ThreadLocalRandom.current().nextInt(100, 700));
            worker.destroyForcibly();
            worker.waitFor();
        } finally {
            worker.destroyForcibly().waitFor();
        }
        try (var workspace = Workspace.open(wsDir)) {
            var store = new RunStore(workspace);
            List<Run> runs = store.runs(RunQuery.all());
            assertThat(runs).isNotEmpty().noneMatch(r -> r.status() == RunStatus.RUNNING);
            var notFinished = runs.stream().filter(r -> r.status() != RunStatus.FINISHED).toList();
            assertThat(notFinished).hasSizeLessThanOrEqualTo(1).allSatisfy(r -> {
                assertThat(r.status()).isEqualTo(RunStatus.FAILED);
                assertThat(r.statusReason()).startsWith("interrupted (process " + worker.pid());
                assertThat(r.params()).hasSize(3); // written with the run, in its transaction
                for (var metric : StoreWorker.METRICS) {
                    assertThat(store.queryMetrics(r.id(), metric).size()).isIn(0, StoreWorker.QUERIES);
                }
            });
            runs.stream().filter(r -> r.status() == RunStatus.FINISHED).forEach(r -> TwoProcessesTest.assertWhole(store, r));
            System.out.printf("killed mid-write after %d finished runs; %s%n", runs.size() - notFinished.size(),
                    notFinished.isEmpty() ? "none in flight" : "one in flight with "
                            + store.queryMetricNames(notFinished.getFirst().id()).size() + " per-query metrics");
        }
    }

    /** The GUI serving the database crashes while a CLI run writes through it: the run carries on. */
    @Test
    void aWriterCarriesOnWhenTheProcessServingTheDatabaseDies() throws Exception {
        Path wsDir = dir.resolve("ws");
        Process server = Jvm.startWorker(dir, "serve", wsDir.toString(), dir.resolve("serving.marker").toString());
        try {
            Jvm.awaitMarker(server, dir.resolve("serving.marker"), dir, MARK_TIMEOUT);
            try (var workspace = Workspace.open(wsDir)) {
                var store = new RunStore(workspace);
                var written = new ArrayList<String>();
                var stop = new AtomicBoolean();
                var error = new AtomicReference<Throwable>();
                Thread writer = Thread.ofPlatform().start(() -> {
                    try {
                        for (int i = 0; !stop.get(); i++) {
                            written.add(StoreWorker.completeRun(store, "through the server " + i, i));
                        }
                    } catch (Throwable e) {
                        error.set(e);
                    }
                });
                while (written.size() < 2 && writer.isAlive()) {
                    Thread.sleep(10);
                }
                Thread.sleep(ThreadLocalRandom.current().nextInt(0, 300)); // kill somewhere inside a run
                server.destroyForcibly();
                server.waitFor();
                int atKill = written.size();
                while (written.size() < atKill + 2 && writer.isAlive()) {
                    Thread.sleep(10);
                }
                stop.set(true);
                writer.join();

                assertThat(error.get()).as("the writer's failure").isNull();
                assertThat(written).hasSizeGreaterThanOrEqualTo(4);
                assertThat(store.runs(RunQuery.all())).hasSize(written.size())
                        .allSatisfy(r -> TwoProcessesTest.assertWhole(store, r))
                        .allMatch(r -> r.status() == RunStatus.FINISHED);
            }
        } finally {
            server.destroyForcibly().waitFor();
        }
    }

    /**
     * The process serving the database dies while this one imports a corpus through it: the import carries on
     * on a new connection, nothing is lost or stored twice, and the counts say what this import added.
     */
    @Test
    void anImportCarriesOnWhenTheProcessServingTheDatabaseDies() throws Exception {
        Path wsDir = dir.resolve("ws");
        int documents = 3_000;
        var corpus = new StringBuilder();
        for (int i = 0; i < documents; i++) {
            corpus.append("{\"_id\": \"d").append(i).append("\", \"title\": \"Title ").append(i)
                    .append("\", \"text\": \"Document number ").append(i).append(" says something of its own.\"}\n");
        }
        Path file = java.nio.file.Files.writeString(dir.resolve("corpus.jsonl"), corpus);
        Process server = Jvm.startWorker(dir, "serve", wsDir.toString(), dir.resolve("serving.marker").toString());
        try {
            Jvm.awaitMarker(server, dir.resolve("serving.marker"), dir, MARK_TIMEOUT);
            try (var workspace = Workspace.open(wsDir)) {
                var notes = new ArrayList<String>();
                var progress = new dev.ragworkbench.progress.ProgressListener() {
                    @Override
                    public void progress(String stage, long done, long total) {
                        if (done >= documents / 2 && server.isAlive()) {
                            server.destroyForcibly(); // mid-import, with batches committed and one pending
                            try {
                                server.waitFor();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }
                    }

                    @Override
                    public void note(String message) {
                        notes.add(message);
                    }
                };
                var result = new dev.ragworkbench.ingest.Importer(100).importCorpus(workspace, file,
                        dev.ragworkbench.ingest.ImportFormat.BEIR, "c", progress,
                        dev.ragworkbench.progress.Cancellation.none());
                assertThat(server.isAlive()).isFalse();
                assertThat(result.added()).isEqualTo(documents);
                assertThat(result.unchanged()).isZero();
                assertThat(notes).anyMatch(n -> n.startsWith("the connection to the workspace database broke"));
                var store = new dev.ragworkbench.ingest.DocumentStore(workspace);
                var stored = store.documents("c");
                assertThat(stored).hasSize(documents);
                assertThat(stored).extracting(dev.ragworkbench.ingest.Document::id).doesNotHaveDuplicates();
                assertThat(stored.stream().filter(d -> d.id().equals("d2999")).findFirst().orElseThrow().text())
                        .isEqualTo("Document number 2999 says something of its own.");
            }
        } finally {
            server.destroyForcibly().waitFor();
        }
    }
}
