package dev.ragworkbench.bench;

import dev.ragworkbench.app.Workbench;
import dev.ragworkbench.experiment.ModelRunner;
import dev.ragworkbench.experiment.spec.ModelRunSpec;
import dev.ragworkbench.generation.ChatRequest;
import dev.ragworkbench.progress.Cancellation;
import dev.ragworkbench.progress.ProgressListener;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The model-run benchmark: a 300-item test set on two models, concurrency 8 each, against an
 * OpenAI-compatible endpoint (MockWebServer over a real socket) that answers every call after 200 ms. The
 * ideal, models one after the other, is 2 × 300 / 8 × 0.2 s = 15 s; the goal is under 18 s. Side by side, in
 * turns (A B A B), a bare loop making the same calls through the same clients ({@code Workbench.chatClients()},
 * the chat-model layer's LangChain4j OpenAI client behind its retry, breaker and bulkhead) with 8 threads and no
 * runner, store or scoring: the runner's overhead is the ratio of the two. Prints a table; exits 1 when a runner round takes 18 s or more.
 *
 * <p>{@code mvn -B -Pmodel-bench -DskipTests verify} (or run the class from the test class path). Properties:
 * {@code bench.items} (300), {@code bench.delayMs} (200), {@code bench.concurrency} (8), {@code bench.rounds} (2).
 */
public final class ModelRunBench {

    private ModelRunBench() {
    }

    public static void main(String[] args) throws Exception {
        int items = Integer.getInteger("bench.items", 300);
        int delay = Integer.getInteger("bench.delayMs", 200);
        int concurrency = Integer.getInteger("bench.concurrency", 8);
        int rounds = Integer.getInteger("bench.rounds", 2);
        Path work = Files.createTempDirectory("model-bench");
        var calls = new AtomicInteger();
        try (var server = new MockWebServer()) {
            server.setServerSocketFactory(new NoDelayServerSockets());
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                    calls.incrementAndGet();
                    Thread.sleep(delay);
                    return new MockResponse().setHeader("Content-Type", "application/json").setBody("""
                            {"id": "x", "object": "chat.completion", "model": "m", "choices": [{"index": 0,
                             "message": {"role": "assistant", "content": "Acme Ltd"}, "finish_reason": "stop"}],
                             "usage": {"prompt_tokens": 12, "completion_tokens": 3, "total_tokens": 15}}""");
                }
            });
            server.start();
            String base = server.url("/v1").toString().replaceAll("/$", "");
            var set = new StringBuilder();
            for (int i = 1; i <= items; i++) {
                set.append("{\"id\": \"i").append(i).append("\", \"instruction\": \"Who sells? (").append(i)
                        .append(")\", \"input\": \"Acme Ltd sells to Beta GmbH.\", \"output\": \"Acme Ltd\"}\n");
            }
            Files.writeString(work.resolve("items.jsonl"), set);
            Path spec = Files.writeString(work.resolve("bench.yaml"), """
                    name: model-bench
                    testSet: { path: items.jsonl }
                    models:
                      - { name: base, provider: openai, baseUrl: "%1$s", model: m, concurrency: %2$d }
                      - { name: tuned, provider: openai, baseUrl: "%1$s", model: m, concurrency: %2$d }
                    metrics: [ exact_match, token_f1, rouge_l ]
                    """.formatted(base, concurrency));
            double ideal = 2.0 * Math.ceil((double) items / concurrency) * delay / 1000;
            System.out.printf(Locale.ROOT, "%d items × 2 models, concurrency %d, %d ms per call; ideal %.1f s;"
                    + " machine shared (load %.1f)%n", items, concurrency, delay, ideal,
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            System.out.printf(Locale.ROOT, "%-6s %-22s %9s %9s %7s%n", "round", "what", "wall s", "/ ideal", "calls");
            boolean slow = false;
            try (var bench = Workbench.open(work.resolve("ws"))) {
                var runSpec = ModelRunSpec.parse(Files.readString(spec), spec);
                for (int r = 1; r <= rounds; r++) {
                    calls.set(0);
                    double bare = bare(bench, runSpec, items, concurrency);
                    System.out.printf(Locale.ROOT, "%-6d %-22s %9.2f %9.2f %7d%n", r, "bare calls (A)", bare, bare / ideal, calls.get());
                    calls.set(0);
                    long t0 = System.nanoTime();
                    // fresh: every round asks the endpoint, none is answered from the call cache
                    var outcomes = new ModelRunner(bench, bench.runs()).run(runSpec, new ModelRunner.Options(null, null, true),
                            ProgressListener.NONE, Cancellation.none());
                    double wall = (System.nanoTime() - t0) / 1e9;
                    int failed = outcomes.stream().mapToInt(ModelRunner.Outcome::failed).sum();
                    System.out.printf(Locale.ROOT, "%-6d %-22s %9.2f %9.2f %7d%s%n", r, "ModelRunner run (B)", wall,
                            wall / ideal, calls.get(), failed > 0 ? "  " + failed + " failed" : "");
                    slow |= wall >= 18 || failed > 0;
                }
            }
            if (slow) {
                System.out.println("FAILED: a run took 18 s or more, or lost items");
                System.exit(1);
            }
        }
    }

    /**
     * The same calls through the same clients ({@code Workbench.chatClients()}, fresh), two models one after the
     * other, each on its own pool of {@code concurrency} threads, with no runner, store or scoring: the floor
     * the runner is measured against.
     */
    private static double bare(Workbench bench, ModelRunSpec spec, int items, int concurrency) throws Exception {
        long t0 = System.nanoTime();
        for (var ref : spec.models()) {
            try (var client = bench.chatClients().open(ref.inline(), true);
                 var pool = Executors.newFixedThreadPool(concurrency)) {
                for (int i = 1; i <= items; i++) {
                    String id = "i" + i;
                    pool.execute(() -> {
                        try {
                            client.chat(ChatRequest.of(id, "Who sells?"), Cancellation.none());
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    });
                }
            }
        }
        return (System.nanoTime() - t0) / 1e9;
    }
}
