package dev.ragworkbench.index;

import dev.ragworkbench.app.Workbench;
import dev.ragworkbench.chunking.ChunkerSpec;
import dev.ragworkbench.ingest.ImportFormat;
import dev.ragworkbench.progress.Cancellation;
import dev.ragworkbench.progress.CancelledException;
import dev.ragworkbench.progress.ProgressListener;
import org.apache.lucene.index.CheckIndex;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two writers of one index (the window's "Apply to corpus" while an {@code index} command runs): the second
 * waits its turn, neither fails, and the index is whole afterwards. Before the lock, two builds raced on the
 * temp-then-move and an update could open its writer on a folder being replaced.
 */
class IndexLockTest {

    static final Path SCIFACT = Path.of(System.getProperty("ragworkbench.shared.data", "../shared/data"), "scifact");
    static final int DOCS = 400;

    @TempDir
    Path dir;

    private Path corpus() throws Exception {
        Path corpus = dir.resolve("corpus.jsonl");
        try (var lines = Files.lines(SCIFACT.resolve("corpus.jsonl"))) {
            Files.write(corpus, lines.limit(DOCS).toList());
        }
        return corpus;
    }

    @Test
    void twoThreadsRefreshingOneIndexTakeTurns() throws Exception {
        Path corpus = corpus();
        try (var bench = Workbench.open(dir.resolve("ws"))) {
            bench.importCorpus(corpus, ImportFormat.BEIR, "sci", ProgressListener.NONE, Cancellation.none());
            var request = new Workbench.IndexRequest("sci", ChunkerSpec.parse("fixed:size=64,overlap=8"), "none");
            var start = new CountDownLatch(1);
            var pool = Executors.newFixedThreadPool(2);
            var outcomes = new ArrayList<Future<Workbench.IndexOutcome>>();
            for (int i = 0; i < 2; i++) {
                outcomes.add(pool.submit(() -> {
                    start.await();
                    return bench.refreshIndex(request, ProgressListener.NONE, Cancellation.none());
                }));
            }
            start.countDown();
            var actions = new ArrayList<Workbench.IndexAction>();
            for (var f : outcomes) {
                actions.add(f.get(300, TimeUnit.SECONDS).action());
            }
            pool.shutdown();
            // One built it; the other waited, then found it current rather than building it a second time.
            assertThat(actions).containsExactlyInAnyOrder(Workbench.IndexAction.BUILT, Workbench.IndexAction.CURRENT);
            assertWhole(bench, request);
        }
    }

    @Test
    void aWaitingWriterCanBeCancelled() throws Exception {
        Path indexes = Files.createDirectories(dir.resolve("indexes"));
        try (var held = IndexLock.acquire(indexes, "x", ProgressListener.NONE, Cancellation.none())) {
            var cancel = new Cancellation();
            var notes = new ArrayList<String>();
            var waiter = Executors.newSingleThreadExecutor().submit(() -> IndexLock.acquire(indexes, "x",
                    new ProgressListener() {
                        @Override
                        public void progress(String stage, long done, long total) {
                        }

                        @Override
                        public void note(String message) {
                            synchronized (notes) {
                                notes.add(message);
                            }
                        }
                    }, cancel));
            Thread.sleep(600);
            assertThat(waiter.isDone()).as("the second writer waits").isFalse();
            cancel.cancel();
            assertThatThrownBy(() -> waiter.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(CancelledException.class);
            synchronized (notes) {
                assertThat(notes).singleElement().asString().contains("waiting for another task writing index x");
            }
        }
        // Released: the next writer gets it at once.
        try (var again = IndexLock.acquire(indexes, "x", ProgressListener.NONE, Cancellation.none())) {
            assertThat(again).isNotNull();
        }
    }

    @Test
    void twoIndexCommandsOnOneWorkspaceBothSucceedAndLeaveOneWholeIndex() throws Exception {
        Path corpus = corpus();
        Path ws = dir.resolve("ws2");
        try (var bench = Workbench.open(ws)) {
            bench.importCorpus(corpus, ImportFormat.BEIR, "sci", ProgressListener.NONE, Cancellation.none());
        }
        for (int round = 0; round < 2; round++) {
            // Each round asks for other settings, so both processes want to build, not find it current.
            String chunker = "fixed:size=" + (48 + 16 * round) + ",overlap=8";
            var started = new ArrayList<Process>();
            for (String who : List.of("a", "b")) {
                started.add(start(dir.resolve("round" + round + who), "index", "--workspace", ws.toString(),
                        "--corpus", corpus.toString(), "--name", "sci", "--embedder", "none", "--chunker", chunker));
            }
            for (int i = 0; i < started.size(); i++) {
                Process p = started.get(i);
                assertThat(p.waitFor(240, TimeUnit.SECONDS)).as("index command hung").isTrue();
                Path err = Path.of(dir.resolve("round" + round + (i == 0 ? "a" : "b")) + ".err");
                assertThat(p.exitValue()).as(Files.readString(err)).isZero();
            }
            try (var bench = Workbench.open(ws)) {
                assertWhole(bench, new Workbench.IndexRequest("sci", ChunkerSpec.parse(chunker), "none"));
            }
        }
    }

    private static void assertWhole(Workbench bench, Workbench.IndexRequest request) throws Exception {
        String name = bench.settingsFor(request).name();
        var info = bench.indexes().resolve(name);
        assertThat(info.documents()).isEqualTo(DOCS);
        try (var directory = FSDirectory.open(info.path()); var check = new CheckIndex(directory)) {
            assertThat(check.checkIndex().clean).isTrue();
        }
        try (var index = bench.openIndex(name)) {
            assertThat(index.info().chunks()).isEqualTo(index.reader().numDocs());
        }
    }

    private static Process start(Path log, String... args) throws Exception {
        var command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "--enable-native-access=ALL-UNNAMED", "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), "dev.ragworkbench.Main"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command)
                .redirectOutput(Path.of(log + ".out").toFile())
                .redirectError(Path.of(log + ".err").toFile())
                .start();
    }
}
