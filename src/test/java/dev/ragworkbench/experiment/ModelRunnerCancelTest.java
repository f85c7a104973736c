package dev.ragworkbench.experiment;

import dev.ragworkbench.app.Workbench;
import dev.ragworkbench.experiment.spec.ModelRunSpec;
import dev.ragworkbench.experiment.spec.Specs;
import dev.ragworkbench.experiment.store.RunQuery;
import dev.ragworkbench.experiment.store.RunStatus;
import dev.ragworkbench.generation.ChatFailure;
import dev.ragworkbench.generation.ChatServer;
import dev.ragworkbench.progress.Cancellation;
import dev.ragworkbench.progress.CancelledException;
import dev.ragworkbench.progress.ProgressListener;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Cancel while an OpenAI-protocol endpoint (a real socket) hangs on some calls: the calls in flight stop, the
 * answers already received are kept in the run, no item is counted twice, and the run ends cancelled.
 */
@SuppressWarnings("deprecation")
class ModelRunnerCancelTest {

    @TempDir
    Path dir;

    @Test
    void cancelWhileTheEndpointHangsKeepsEveryAnswerReceived() throws Exception {
        ModelRunFixture.testSet(dir);
        var asked = new AtomicInteger();
        try (var server = new ChatServer()) {
            server.server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    asked.incrementAndGet();
                    String body = request.getBody().readUtf8();
                    // the two items about "Acme Ltd sells to Beta GmbH." are answered; every other call hangs
                    return body.contains("Acme Ltd sells") ? ChatServer.openAi("Acme Ltd", 5, 2) : ChatServer.hang();
                }
            });
            Path specFile = Files.writeString(dir.resolve("hang.yaml"), """
                    name: hang
                    testSet: { path: clauses.jsonl }
                    models:
                      - { name: slow, provider: openai, baseUrl: "%s", model: m, concurrency: 2, timeout: 120 }
                    metrics: [ exact_match ]
                    """.formatted(server.baseUrl(dev.ragworkbench.generation.ChatProvider.OPENAI)));
            var spec = (ModelRunSpec) Specs.load(specFile);
            var cancel = new Cancellation();
            var answered = new AtomicInteger();
            // cancel once both answerable items are in and the two next calls are hanging at the endpoint
            ProgressListener progress = (stage, done, total) -> {
                if (stage.equals(ModelRunner.stage("slow"))) {
                    answered.set((int) done);
                }
            };
            try (var bench = Workbench.open(dir.resolve("ws"))) {
                var watcher = Thread.ofPlatform().start(() -> {
                    try {
                        while (!(answered.get() >= 2 && asked.get() >= 4)) {
                            Thread.sleep(10);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    cancel.cancel();
                });
                // the timeout is 120 s: without cancel the run would hang far longer than this bound
                assertTimeoutPreemptively(Duration.ofSeconds(60), () ->
                        assertThatThrownBy(() -> new ModelRunner(bench, bench.runs()).run(spec,
                                ModelRunner.Options.none(), progress, cancel))
                                .isInstanceOf(CancelledException.class));
                watcher.join();

                var runs = bench.runs().runs(RunQuery.all());
                assertThat(runs).hasSize(1);
                var run = runs.getFirst();
                assertThat(run.status()).isEqualTo(RunStatus.CANCELLED);
                assertThat(bench.runs().queryMetrics(run.id(), "exact_match")).containsOnlyKeys("c1", "c2")
                        .containsEntry("c1", 1.0).containsEntry("c2", 0.0);
                var items = ModelRunRecords.readItems(bench.runs(), run.id());
                assertThat(items).extracting(ItemRecord::id).containsExactly("c1", "c2", "c3", "c4", "c5", "c6");
                assertThat(items.subList(2, 6)).allSatisfy(i -> {
                    assertThat(i.failed()).isTrue();
                    assertThat(i.errorKind()).isEqualTo(ChatFailure.Kind.CANCELLED);
                });
                // the hanging calls were stopped, not retried, and the queued ones never asked
                assertThat(asked.get()).isEqualTo(4);
            }
        }
    }
}
