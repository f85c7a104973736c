package dev.ragworkbench.experiment.store;

import dev.ragworkbench.app.Workbench;
import dev.ragworkbench.ingest.Document;
import dev.ragworkbench.ingest.ImportFormat;
import dev.ragworkbench.progress.Cancellation;
import dev.ragworkbench.progress.ProgressListener;
import org.h2.engine.SessionRemote;
import org.h2.jdbc.JdbcConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A long read through another process's server (a {@code run} reading its corpus while the {@code runs list} poller
 * that opened the database first exits): the server dies mid-stream, and the stream goes on from a new connection
 * after the last document it gave, each document once, in order. CI saw the read fail there instead.
 */
class ServedStreamTest {

    static final Path SCIFACT = Path.of(System.getProperty("ragworkbench.shared.data", "../shared/data"), "scifact");

    @TempDir
    Path dir;

    @Test
    void documentsStreamOnceEachWhenTheServingProcessDiesMidStream() throws Exception {
        Path corpus = dir.resolve("corpus.jsonl");
        try (var lines = Files.lines(SCIFACT.resolve("corpus.jsonl"))) {
            Files.write(corpus, lines.limit(700).toList());
        }
        Path wsDir = dir.resolve("ws");
        try (var bench = Workbench.open(wsDir)) {
            bench.importCorpus(corpus, ImportFormat.BEIR, "sci", ProgressListener.NONE, Cancellation.none());
        }
        Process server = Jvm.startWorker(dir, "serve", wsDir.toString(), dir.resolve("serving.marker").toString());
        try {
            Jvm.awaitMarker(server, dir.resolve("serving.marker"), dir, Duration.ofSeconds(60));
            try (var bench = Workbench.open(wsDir)) {
                try (var c = bench.workspace().connection()) {
                    assertThat(c.unwrap(JdbcConnection.class).getSession())
                            .as("this process reads through the other's server").isInstanceOf(SessionRemote.class);
                }
                var ids = new ArrayList<String>();
                bench.documents().forEachDocument("sci", (Document d) -> {
                    ids.add(d.id());
                    if (ids.size() == 50) {
                        // past the first fetched rows, before the next fetch: the server goes mid-stream
                        server.destroyForcibly();
                        try {
                            server.waitFor();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                });
                assertThat(server.isAlive()).isFalse();
                List<String> expected = bench.documents().documents("sci").stream().map(Document::id).toList();
                assertThat(expected).hasSize(700);
                assertThat(ids).as("each document once, in id order").containsExactlyElementsOf(expected);

                // this process now holds the database itself (its keep-alive connection was opened again), so a
                // process that opens it next is its client, not the other way round
                Path marker = dir.resolve("second.marker");
                Process next = Jvm.startWorker(dir.resolve("next"), "serve", wsDir.toString(), marker.toString());
                try {
                    Jvm.awaitMarker(next, marker, dir.resolve("next"), Duration.ofSeconds(60));
                    try (var c = bench.workspace().connection()) {
                        assertThat(c.unwrap(JdbcConnection.class).getSession())
                                .as("the database is this process's own").isNotInstanceOf(SessionRemote.class);
                    }
                } finally {
                    next.destroyForcibly();
                }
            }
        } finally {
            server.destroyForcibly();
        }
    }
}
