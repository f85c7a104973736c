package dev.ragworkbench.generation;

import dev.ragworkbench.generation.ChatFailure.Kind;
import dev.ragworkbench.progress.Cancellation;
import dev.ragworkbench.workspace.Workspace;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.ragworkbench.generation.ChatServer.cut;
import static dev.ragworkbench.generation.ChatServer.hang;
import static dev.ragworkbench.generation.ChatServer.json;
import static dev.ragworkbench.generation.ChatServer.ollama;
import static dev.ragworkbench.generation.ChatServer.ollamaStream;
import static dev.ragworkbench.generation.ChatServer.openAi;
import static dev.ragworkbench.generation.ChatServer.openAiStream;
import static dev.ragworkbench.generation.ChatServer.status;
import static dev.ragworkbench.generation.ChatServer.tooMany;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The endpoint client against a scripted server on a real socket: answers, failures, retries, breaker, cache. */
@SuppressWarnings("deprecation")
class EndpointChatClientTest {

    static final String KEY = "sk-SENTINEL-0123456789abcdef";
    /** Retries fast (10 ms first wait) so the suite stays quick; Retry-After is honoured as the server says. */
    static final ChatPolicy FAST = new ChatPolicy(4, Duration.ofMillis(10), 2.0, 0.5, Duration.ofMillis(50),
            Duration.ofSeconds(5), 5, Duration.ofSeconds(60));

    /** One workspace for the class (opening one costs seconds on a loaded machine); each test its own model name. */
    @TempDir
    static Path dir;
    static Workspace workspace;
    static final AtomicInteger TESTS = new AtomicInteger();
    String tag;
    ChatServer server;
    WorkspaceChatClients clients;

    @BeforeAll
    static void open() {
        workspace = Workspace.open(dir.resolve("ws"));
    }

    @AfterAll
    static void closeWorkspace() {
        workspace.close();
    }

    @BeforeEach
    void start() throws Exception {
        tag = "t" + TESTS.incrementAndGet();
        server = new ChatServer();
        clients = clients(FAST);
    }

    WorkspaceChatClients clients(ChatPolicy policy) {
        return new WorkspaceChatClients(new ChatCallCache(workspace), new ApiKeys(Map.of("TEST_KEY", KEY)::get,
                new KeysFile(dir.resolve("config/keys.json"))), policy);
    }

    @AfterEach
    void stop() throws Exception {
        clients.close();
        server.close();
    }

    ChatModelSettings model(ChatProvider provider, Duration timeout, int concurrency) {
        return new ChatModelSettings("m-" + provider.id() + "-" + tag, provider, server.baseUrl(provider), "tiny", null, 0.0, 64,
                timeout, concurrency, "TEST_KEY", 0.5, 1.5);
    }

    ChatModelSettings openai() {
        return model(ChatProvider.OPENAI, Duration.ofSeconds(5), 4);
    }

    @Test
    void openAiAnswersWithTokensLatencyAndTheKeyOnlyInItsHeader() throws Exception {
        server.enqueue(openAi("Paris", 12, 3));
        var reply = clients.open(openai(), false).chat(ChatRequest.of("q1", "Capital of France?"), Cancellation.none());
        assertThat(reply.text()).isEqualTo("Paris");
        assertThat(reply.inputTokens()).isEqualTo(12);
        assertThat(reply.outputTokens()).isEqualTo(3);
        assertThat(reply.cached()).isFalse();
        assertThat(reply.latencyMs()).isGreaterThanOrEqualTo(0);
        assertThat(openai().costOf(reply).getAsDouble()).isEqualTo(12 * 0.5 / 1000 + 3 * 1.5 / 1000);
        RecordedRequest request = server.server.takeRequest();
        assertThat(request.getPath()).isEqualTo("/v1/chat/completions");
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + KEY);
        String body = request.getBody().readUtf8().replaceAll("\\s", "");
        assertThat(body).contains("\"model\":\"tiny\"", "CapitalofFrance?").doesNotContain(KEY);
    }

    @Test
    void ollamaAnswersOnApiChat() throws Exception {
        server.enqueue(ollama("Bonjour", 7, 2));
        var s = model(ChatProvider.OLLAMA, Duration.ofSeconds(5), 2);
        var reply = clients.open(s, false).chat(ChatRequest.of("q1", "Say hello in French"), Cancellation.none());
        assertThat(reply.text()).isEqualTo("Bonjour");
        assertThat(reply.inputTokens()).isEqualTo(7);
        assertThat(reply.outputTokens()).isEqualTo(2);
        assertThat(server.server.takeRequest().getPath()).isEqualTo("/api/chat");
    }

    @Test
    void streamsPiecesAsTheyArriveInBothProtocols() throws Exception {
        server.enqueue(openAiStream("Hel", "lo", " there"));
        var pieces = new ArrayList<String>();
        var reply = clients.open(openai(), true).stream(ChatRequest.of("t", "hi"), Cancellation.none(), pieces::add);
        assertThat(pieces).containsExactly("Hel", "lo", " there");
        assertThat(reply.text()).isEqualTo("Hello there");
        assertThat(server.server.takeRequest().getBody().readUtf8().replaceAll("\\s", "")).contains("\"stream\":true");

        server.enqueue(ollamaStream("Bon", "jour"));
        pieces.clear();
        var ollamaReply = clients.open(model(ChatProvider.OLLAMA, Duration.ofSeconds(5), 1), true)
                .stream(ChatRequest.of("t", "hi"), Cancellation.none(), pieces::add);
        assertThat(pieces).containsExactly("Bon", "jour");
        assertThat(ollamaReply.text()).isEqualTo("Bonjour");
        assertThat(ollamaReply.outputTokens()).isEqualTo(2);
    }

    @Test
    void retries5xxAndACutConnectionThenAnswersOnce() throws Exception {
        server.enqueue(status(500)).enqueue(status(503)).enqueue(cut()).enqueue(openAi("ok", 1, 1));
        var reply = clients.open(openai(), false).chat(ChatRequest.of("q", "x"), Cancellation.none());
        assertThat(reply.text()).isEqualTo("ok");
        assertThat(server.requests()).isEqualTo(4);
    }

    @Test
    void givesUpAfterTheLastAttemptWithTheServersReason() {
        for (int i = 0; i < 4; i++) {
            server.enqueue(status(500));
        }
        assertThatThrownBy(() -> clients.open(openai(), false).chat(ChatRequest.of("q", "x"), Cancellation.none()))
                .isInstanceOfSatisfying(ChatFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(Kind.SERVER_ERROR);
                    assertThat(f.getMessage()).isEqualTo("500 Internal Server Error from " + server.baseUrl(
                            ChatProvider.OPENAI) + "/chat/completions: scripted 500 (after 4 attempts)");
                });
        assertThat(server.requests()).isEqualTo(4);
    }

    @Test
    void honoursRetryAfterAndBacksOffQuicklyWithoutIt() throws Exception {
        server.enqueue(tooMany("1")).enqueue(openAi("late", 1, 1));
        long start = System.nanoTime();
        assertThat(clients.open(openai(), false).chat(ChatRequest.of("a", "x"), Cancellation.none()).text())
                .isEqualTo("late");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(1000));

        server.enqueue(tooMany(null)).enqueue(tooMany(null)).enqueue(openAi("soon", 1, 1));
        start = System.nanoTime();
        assertThat(clients.open(openai(), false).chat(ChatRequest.of("b", "x"), Cancellation.none()).text())
                .isEqualTo("soon");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(900));
        assertThat(server.requests()).isEqualTo(5);
    }

    @Test
    void aRetryAfterLongerThanThePolicyWaitsEndsTheCallAtOnce() {
        server.enqueue(tooMany("3600"));
        assertThatThrownBy(() -> clients.open(openai(), false).chat(ChatRequest.of("q", "x"), Cancellation.none()))
                .isInstanceOfSatisfying(ChatFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(Kind.RATE_LIMITED);
                    assertThat(f.getMessage()).contains("asks to wait 3600 s");
                });
        assertThat(server.requests()).isEqualTo(1);
    }

    @Test
    void theBreakerStopsCallingAfterFiveFailuresInARowAndTriesAgainLater() throws Exception {
        clients.close();
        clients = clients(FAST.withMaxAttempts(1).withBreaker(5, Duration.ofMillis(400)));
        var client = clients.open(openai(), false);
        for (int i = 0; i < 5; i++) {
            server.enqueue(status(500));
            int n = i;
            assertThatThrownBy(() -> client.chat(ChatRequest.of("q" + n, "x"), Cancellation.none()))
                    .isInstanceOfSatisfying(ChatFailure.class, f -> assertThat(f.kind()).isEqualTo(Kind.SERVER_ERROR));
        }
        long start = System.nanoTime();
        assertThatThrownBy(() -> client.chat(ChatRequest.of("q6", "x"), Cancellation.none()))
                .isInstanceOfSatisfying(ChatFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(Kind.CIRCUIT_OPEN);
                    assertThat(f.getMessage()).contains("after 5 failures in a row", "scripted 500");
                });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(100));
        assertThat(server.requests()).isEqualTo(5);
        assertThat(clients.breakerOpen(openai())).isTrue();

        Thread.sleep(450);
        server.enqueue(openAi("back", 1, 1));
        assertThat(client.chat(ChatRequest.of("q7", "x"), Cancellation.none()).text()).isEqualTo("back");
        assertThat(server.requests()).isEqualTo(6);
        assertThat(clients.breakerOpen(openai())).isFalse();
    }

    @Test
    void aHungCallEndsWithTheModelsTimeoutAndIsNotRetried() {
        server.enqueue(hang());
        var s = model(ChatProvider.OPENAI, Duration.ofMillis(300), 1);
        long start = System.nanoTime();
        assertThatThrownBy(() -> clients.open(s, false).chat(ChatRequest.of("q", "x"), Cancellation.none()))
                .isInstanceOfSatisfying(ChatFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(Kind.TIMEOUT);
                    assertThat(f.getMessage()).startsWith("no answer from http://127.0.0.1:").contains("within 0.3 s");
                });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(300), Duration.ofSeconds(3));
        assertThat(server.requests()).isEqualTo(1);
    }

    @Test
    void aStreamThatStopsSendingEndsWithTheTimeoutKeepingNothingHalfDone() {
        server.enqueue(openAiStream("a", "b").throttleBody(40, 10, java.util.concurrent.TimeUnit.SECONDS));
        var s = model(ChatProvider.OPENAI, Duration.ofMillis(400), 1);
        assertThatThrownBy(() -> clients.open(s, false).stream(ChatRequest.of("q", "x"), Cancellation.none(), p -> {
        })).isInstanceOfSatisfying(ChatFailure.class, f -> assertThat(f.kind()).isEqualTo(Kind.TIMEOUT));
        assertThat(new ChatCallCache(workspace).count(s.name())).isZero();
    }

    @Test
    void cancelStopsAnOutstandingCallAndAPendingRetry() throws Exception {
        server.enqueue(hang());
        var s = model(ChatProvider.OPENAI, Duration.ofSeconds(30), 1);
        var cancel = new Cancellation();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Throwable> outcome = pool.submit(() -> failureOf(() -> clients.open(s, false)
                    .chat(ChatRequest.of("q", "x"), cancel)));
            Thread.sleep(200);
            long start = System.nanoTime();
            cancel.cancel();
            assertThat(outcome.get()).isInstanceOfSatisfying(ChatFailure.class,
                    f -> assertThat(f.kind()).isEqualTo(Kind.CANCELLED));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));

            server.enqueue(tooMany("4")).enqueue(openAi("never", 1, 1));
            var cancel2 = new Cancellation();
            Future<Throwable> waiting = pool.submit(() -> failureOf(() -> clients.open(s, false)
                    .chat(ChatRequest.of("q2", "x"), cancel2)));
            Thread.sleep(300);
            cancel2.cancel();
            assertThat(waiting.get()).isInstanceOfSatisfying(ChatFailure.class,
                    f -> assertThat(f.kind()).isEqualTo(Kind.CANCELLED));
            Thread.sleep(100);
            assertThat(server.requests()).isEqualTo(2); // the hung one and the 429; no retry after cancel
        }
    }

    @Test
    void repliesThatAreNotTheProtocolAreToldApart() {
        server.enqueue(json(200, "{\"choices\": [ this is not json"));
        assertThatThrownBy(() -> clients.open(openai(), false).chat(ChatRequest.of("q", "x"), Cancellation.none()))
                .isInstanceOfSatisfying(ChatFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(Kind.PROTOCOL);
                    assertThat(f.getMessage()).contains("is not the OpenAI chat-completions protocol");
                });
        server.enqueue(json(200, "<html>a proxy's login page</html>"));
        var ollama = model(ChatProvider.OLLAMA, Duration.ofSeconds(5), 1);
        assertThatThrownBy(() -> clients.open(ollama, false).chat(ChatRequest.of("q", "x"), Cancellation.none()))
                .isInstanceOfSatisfying(ChatFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(Kind.PROTOCOL);
                    assertThat(f.getMessage()).contains("is not the Ollama /api/chat protocol");
                });
        server.enqueue(new MockResponse().setHeader("Content-Type", "text/event-stream")
                .setBody("data: {\"choices\": [ broken\n\ndata: [DONE]\n\n"));
        assertThatThrownBy(() -> clients.open(openai(), true).stream(ChatRequest.of("q", "x"), Cancellation.none(),
                p -> {
                })).isInstanceOfSatisfying(ChatFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(Kind.PROTOCOL);
                    assertThat(f.getMessage()).contains("is not the OpenAI chat-completions protocol");
                });
        assertThat(server.requests()).isEqualTo(3);
    }

    @Test
    void exactReasonsForRefusedConnectionsBadKeysAndUnknownModels() throws Exception {
        int free;
        try (var socket = new ServerSocket(0)) {
            free = socket.getLocalPort();
        }
        var nobody = new ChatModelSettings("gone", ChatProvider.OLLAMA, "http://127.0.0.1:" + free, "tiny", null,
                null, null, Duration.ofSeconds(5), 1, null, null, null);
        assertThatThrownBy(() -> clients.open(nobody, false).chat(ChatRequest.of("q", "x"), Cancellation.none()))
                .isInstanceOfSatisfying(ChatFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(Kind.CONNECTION);
                    assertThat(f.getMessage()).startsWith("connection refused by 127.0.0.1:" + free);
                });

        server.enqueue(json(401, "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + "\"}}"));
        assertThatThrownBy(() -> clients.open(openai(), false).chat(ChatRequest.of("q", "x"), Cancellation.none()))
                .isInstanceOfSatisfying(ChatFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(Kind.AUTHENTICATION);
                    assertThat(f.getMessage()).contains("401 Unauthorized", "key from $TEST_KEY", "***")
                            .doesNotContain(KEY);
                });

        server.enqueue(json(404, "{\"error\":\"model \\\"tiny\\\" not found, try pulling it first\"}"));
        var ollama = model(ChatProvider.OLLAMA, Duration.ofSeconds(5), 1);
        assertThatThrownBy(() -> clients.open(ollama, false).chat(ChatRequest.of("q", "x"), Cancellation.none()))
                .isInstanceOfSatisfying(ChatFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(Kind.UNKNOWN_MODEL);
                    assertThat(f.getMessage()).startsWith("model 'tiny' is not known at " + ollama.baseUrl());
                });

        var unset = new ChatModelSettings("no-key", ChatProvider.OPENAI, server.baseUrl(ChatProvider.OPENAI), "t",
                null, null, null, null, 1, "NOT_SET_ANYWHERE", null, null);
        assertThatThrownBy(() -> clients.open(unset, false).chat(ChatRequest.of("q", "x"), Cancellation.none()))
                .isInstanceOfSatisfying(ChatFailure.class, f -> assertThat(f.getMessage())
                        .isEqualTo("environment variable NOT_SET_ANYWHERE (the API key of model no-key) is not set"));
        assertThat(server.requests()).isEqualTo(2);
    }

    @Test
    void identicalCallsComeFromTheCacheUnlessFresh() throws Exception {
        server.enqueue(openAi("first", 4, 1)).enqueue(openAi("second", 4, 1)).enqueue(openAi("other item", 4, 1));
        var request = ChatRequest.of("item-1", "same prompt");
        assertThat(clients.open(openai(), false).chat(request, Cancellation.none()).cached()).isFalse();
        var hit = clients.open(openai(), false).chat(request, Cancellation.none());
        assertThat(hit.text()).isEqualTo("first");
        assertThat(hit.cached()).isTrue();
        assertThat(openai().costOf(hit).getAsDouble()).isZero();
        assertThat(server.requests()).isEqualTo(1);

        var fresh = clients.open(openai(), true).chat(request, Cancellation.none());
        assertThat(fresh.text()).isEqualTo("second");
        assertThat(fresh.cached()).isFalse();
        // the fresh answer replaced the cached one
        assertThat(clients.open(openai(), false).chat(request, Cancellation.none()).text()).isEqualTo("second");
        assertThat(clients.open(openai(), false).chat(ChatRequest.of("item-2", "same prompt"), Cancellation.none())
                .text()).isEqualTo("other item");
        assertThat(server.requests()).isEqualTo(3);
        assertThat(ChatCallCache.key(openai(), request)).hasSize(64)
                .isNotEqualTo(ChatCallCache.key(openai(), ChatRequest.of("item-2", "same prompt")));
    }

    @Test
    void keepsToTheModelsConcurrencyAndLosesOrDoublesNoAnswer() throws Exception {
        var inFlight = new AtomicInteger();
        var most = new AtomicInteger();
        var failedOnce = ConcurrentHashMap.<String>newKeySet();
        server.server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                String body = request.getBody().readUtf8();
                String item = body.replaceAll("(?s).*item number (\\d+).*", "$1");
                most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(60);
                    if (Integer.parseInt(item) % 3 == 0 && failedOnce.add(item)) {
                        return status(502);
                    }
                    return openAi("answer " + item, 2, 2);
                } finally {
                    inFlight.decrementAndGet();
                }
            }
        });
        var client = clients.open(model(ChatProvider.OPENAI, Duration.ofSeconds(5), 3), false);
        int items = 12;
        var replies = new CopyOnWriteArrayList<String>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            var futures = new ArrayList<Future<?>>();
            for (int i = 0; i < items; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    replies.add(n + "=" + client.chat(ChatRequest.of("i" + n, "item number " + n), Cancellation.none())
                            .text());
                    return null;
                }));
            }
            for (var f : futures) {
                f.get();
            }
        }
        assertThat(most.get()).isEqualTo(3);
        var expected = new ArrayList<String>();
        for (int i = 0; i < items; i++) {
            expected.add(i + "=answer " + i);
        }
        assertThat(replies).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(server.requests()).isEqualTo(items + 4); // items 0, 3, 6, 9 failed once each
        assertThat(new ChatCallCache(workspace).count(openai().name())).isEqualTo(items);
    }

    @Test
    void cancellingARunKeepsEveryAnswerAlreadyReceived() throws Exception {
        server.server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                Thread.sleep(150);
                return openAi("done", 1, 1);
            }
        });
        var client = clients.open(model(ChatProvider.OPENAI, Duration.ofSeconds(5), 2), false);
        var cancel = new Cancellation();
        var answered = new CopyOnWriteArrayList<String>();
        var cancelled = new AtomicInteger();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            var futures = new ArrayList<Future<?>>();
            for (int i = 0; i < 10; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    try {
                        client.chat(ChatRequest.of("i" + n, "p" + n), cancel);
                        answered.add("i" + n);
                    } catch (ChatFailure f) {
                        assertThat(f.kind()).isEqualTo(Kind.CANCELLED);
                        cancelled.incrementAndGet();
                    }
                    return null;
                }));
            }
            // cancel once some answers came (not at a set time: the machine may be loaded)
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (answered.size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            cancel.cancel();
            for (var f : futures) {
                f.get();
            }
        }
        assertThat(answered).hasSizeBetween(2, 9);
        assertThat(answered.size() + cancelled.get()).isEqualTo(10);
        assertThat(new ChatCallCache(workspace).count(openai().name())).isEqualTo(answered.size());
        // a second run answers the kept ones from the cache and calls only for the rest
        int before = server.requests();
        for (String id : answered) {
            assertThat(client.chat(ChatRequest.of(id, "p" + id.substring(1)), Cancellation.none()).cached()).isTrue();
        }
        assertThat(server.requests()).isEqualTo(before);
    }

    interface Call {
        void run() throws Exception;
    }

    static Throwable failureOf(Call call) {
        try {
            call.run();
            return null;
        } catch (Throwable t) {
            return t;
        }
    }
}
