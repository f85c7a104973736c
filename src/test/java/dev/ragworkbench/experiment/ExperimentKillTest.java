package dev.ragworkbench.experiment;

import dev.ragworkbench.experiment.store.RunQuery;
import dev.ragworkbench.experiment.store.RunStatus;
import dev.ragworkbench.experiment.store.RunStore;
import dev.ragworkbench.workspace.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills a real {@code run} process in the middle of an experiment and checks what the store says afterwards:
 * every finished run whole, the interrupted one marked failed, nothing half-written.
 */
class ExperimentKillTest {

    static final Path SCIFACT = Path.of(System.getProperty("ragworkbench.shared.data", "../shared/data"), "scifact");

    @TempDir
    Path dir;

    @Test
    void killingARunningExperimentLosesNoFinishedRun() throws Exception {
        Path corpus = dir.resolve("corpus.jsonl");
        try (var lines = Files.lines(SCIFACT.resolve("corpus.jsonl"))) {
            Files.write(corpus, lines.limit(800).toList());
        }
        var retrievers = new ArrayList<String>();
        for (String k1 : List.of("0.6", "0.9", "1.2", "1.5")) {
            for (String b : List.of("0.3", "0.75")) {
                retrievers.add("{ kind: bm25, k1: " + k1 + ", b: " + b + " }");
            }
        }
        Path spec = dir.resolve("kill.yaml");
        Files.writeString(spec, """
                name: kill-me
                corpus:  { format: beir, path: corpus.jsonl }
                evalSet: { format: beir, queries: %s, qrels: %s }
                chunking:  [ { kind: none } ]
                embedding: [ none ]
                retrieval: [ %s ]
                metrics:   [ ndcg@10, recall@100 ]
                """.formatted(SCIFACT.resolve("queries.jsonl").toAbsolutePath(),
                SCIFACT.resolve("qrels/train.tsv").toAbsolutePath(), String.join(", ", retrievers)));
        Path ws = dir.resolve("ws");
        Path log = dir.resolve("run.log");
        Process run = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
                "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                "-cp", System.getProperty("java.class.path"), "dev.ragworkbench.Main",
                "run", spec.toString(), "--workspace", ws.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            // The first run's artifacts are written just before it finishes; the next run starts right after.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (countFinishedArtifacts(ws) < 2) {
                assertThat(run.isAlive()).as("the run ended early: %s", Files.readString(log)).isTrue();
                assertThat(System.nanoTime()).as("no run finished in time: %s", Files.readString(log)).isLessThan(deadline);
                Thread.sleep(10);
            }
        } finally {
            run.destroyForcibly();
            run.waitFor();
        }

        try (var workspace = Workspace.open(ws)) {
            var store = new RunStore(workspace);
            var runs = store.runs(RunQuery.all());
            var finished = runs.stream().filter(r -> r.status() == RunStatus.FINISHED).toList();
            var others = runs.stream().filter(r -> r.status() != RunStatus.FINISHED).toList();
            assertThat(finished).hasSizeGreaterThanOrEqualTo(1);
            assertThat(runs.size()).isLessThan(retrievers.size()); // it really was stopped midway
            for (var r : finished) {
                assertThat(r.metrics()).containsKeys("ndcg@10", "recall@100");
                assertThat(store.queryMetrics(r.id(), "ndcg@10")).hasSize(809);
                assertThat(r.artifacts()).extracting(a -> a.name()).contains("run.trec", "per-query.json");
                assertThat(store.file(r.artifacts().getFirst())).exists();
            }
            assertThat(others).hasSizeLessThanOrEqualTo(1);
            for (var r : others) {
                assertThat(r.status()).isEqualTo(RunStatus.FAILED);
                assertThat(r.statusReason()).startsWith("interrupted");
            }
        }
    }

    /**
     * The order of events: a 40-point BM25 grid, polled by {@code runs list} processes from the moment it
     * starts (as a script or the window would); every poll succeeds while the run writes, the poller sees runs
     * finish, and after {@code kill -9} every finished run is intact and the interrupted one reads as failed.
     */
    @Test
    void aFortyPointGridPolledByRunsListThenKilledKeepsEveryFinishedRun() throws Exception {
        Path corpus = dir.resolve("corpus.jsonl");
        try (var lines = Files.lines(SCIFACT.resolve("corpus.jsonl"))) {
            Files.write(corpus, lines.limit(800).toList());
        }
        var retrievers = new ArrayList<String>();
        for (int k = 0; k < 10; k++) {
            for (String b : List.of("0.2", "0.4", "0.6", "0.8")) {
                retrievers.add("{ kind: bm25, k1: " + (0.5 + 0.1 * k) + ", b: " + b + " }");
            }
        }
        assertThat(retrievers).hasSize(40);
        Path spec = dir.resolve("grid.yaml");
        Files.writeString(spec, """
                name: polled
                corpus:  { format: beir, path: corpus.jsonl }
                evalSet: { format: beir, queries: %s, qrels: %s }
                chunking:  [ { kind: none } ]
                embedding: [ none ]
                retrieval: [ %s ]
                metrics:   [ ndcg@10 ]
                """.formatted(SCIFACT.resolve("queries.jsonl").toAbsolutePath(),
                SCIFACT.resolve("qrels/train.tsv").toAbsolutePath(), String.join(", ", retrievers)));
        Path ws = dir.resolve("ws");
        Process run = java(dir.resolve("run.log"), "run", spec.toString(), "--workspace", ws.toString());
        int polls = 0;
        long seenFinished = 0;
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
            // at least two polls while it writes, however fast the machine finishes the first runs
            while (seenFinished < 3 || polls < 2) {
                Path out = dir.resolve("poll" + polls + ".out");
                Process poll = java(out, "runs", "list", "--workspace", ws.toString(), "--json", "--limit", "100");
                assertThat(poll.waitFor(120, TimeUnit.SECONDS)).as("runs list hung").isTrue();
                assertThat(poll.exitValue()).as("poll %d failed: %s", polls, Files.readString(out)).isZero();
                String json = Files.readString(out);
                seenFinished = json.split("\"status\"\\s*:\\s*\"finished\"", -1).length - 1;
                polls++;
                assertThat(run.isAlive()).as("the run ended before the poller saw three runs finish: %s",
                        Files.readString(dir.resolve("run.log"))).isTrue();
                assertThat(System.nanoTime()).as("no runs finished in time").isLessThan(deadline);
            }
        } finally {
            run.destroyForcibly(); // SIGKILL: no shutdown hook runs
            run.waitFor();
        }
        assertThat(polls).isGreaterThanOrEqualTo(2);
        try (var workspace = Workspace.open(ws)) {
            var store = new RunStore(workspace);
            var runs = store.runs(RunQuery.all().limit(100));
            var finished = runs.stream().filter(r -> r.status() == RunStatus.FINISHED).toList();
            var others = runs.stream().filter(r -> r.status() != RunStatus.FINISHED).toList();
            assertThat(finished).hasSizeGreaterThanOrEqualTo((int) seenFinished);
            assertThat(runs.size()).isLessThan(retrievers.size());
            for (var r : finished) {
                assertThat(r.metrics()).containsKey("ndcg@10");
                assertThat(store.queryMetrics(r.id(), "ndcg@10")).hasSize(809);
                assertThat(r.artifacts()).extracting(a -> a.name()).contains("run.trec", "per-query.json");
            }
            assertThat(others).hasSizeLessThanOrEqualTo(1);
            for (var r : others) {
                assertThat(r.status()).isEqualTo(RunStatus.FAILED);
                assertThat(r.statusReason()).startsWith("interrupted");
            }
        }
    }

    private Process java(Path log, String... args) throws Exception {
        var command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"), "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), "dev.ragworkbench.Main"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Runs whose per-query file has been stored, counted from the artifacts folder without opening the DB. */
    private static long countFinishedArtifacts(Path ws) throws Exception {
        Path artifacts = ws.resolve("artifacts");
        if (!Files.isDirectory(artifacts)) {
            return 0;
        }
        try (var dirs = Files.list(artifacts)) {
            return dirs.filter(d -> Files.exists(d.resolve("per-query.json"))).count();
        }
    }
}
