package dev.ragworkbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Headless Chromium driven over the DevTools protocol with the JDK's HTTP client and WebSocket: no driver, no
 * dependency. Chromium picks a free debugging port and writes it to {@code DevToolsActivePort} in its profile
 * folder; the client attaches to the one page and records every event, so a test can ask which requests were
 * made and what was logged.
 */
final class DevTools implements AutoCloseable {

    static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync");
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final WebSocket socket;
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    private DevTools(Process process, WebSocket socket) {
        this.process = process;
        this.socket = socket;
    }

    /** The Chromium on the PATH ({@code chromium}, else {@code chromium-browser}), if any. */
    static java.util.Optional<Path> find() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser")) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return java.util.Optional.of(p);
                }
            }
        }
        return java.util.Optional.empty();
    }

    static DevTools start(Path chromium, Path profile, Path log) throws Exception {
        var command = new ArrayList<String>();
        command.add(chromium.toString());
        command.addAll(FLAGS);
        command.addAll(List.of("--remote-debugging-port=0", "--user-data-dir=" + profile, "about:blank"));
        var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        // Its sockets and scratch files go under the test's folder, not /tmp.
        builder.environment().put("TMPDIR", profile.toString());
        Process process = builder.start();
        try {
            Path portFile = profile.resolve("DevToolsActivePort");
            Instant deadline = Instant.now().plus(TIMEOUT);
            while (!(Files.exists(portFile) && Files.readAllLines(portFile).size() >= 2)) {
                if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("chromium did not start its DevTools endpoint: "
                            + Files.readString(log));
                }
                Thread.sleep(100);
            }
            int port = Integer.parseInt(Files.readAllLines(portFile).getFirst().strip());
            var http = HttpClient.newHttpClient();
            String pageUrl = null;
            while (pageUrl == null) {
                var list = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                        .timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
                for (JsonNode target : JSON.readTree(list.body())) {
                    if (target.path("type").asText().equals("page")) {
                        pageUrl = target.get("webSocketDebuggerUrl").asText();
                    }
                }
                if (pageUrl == null && Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("chromium has no page to attach to: " + list.body());
                }
                Thread.sleep(pageUrl == null ? 100 : 0);
            }
            var holder = new CompletableFuture<DevTools>();
            var listener = new Listener(holder);
            WebSocket socket = http.newWebSocketBuilder().connectTimeout(TIMEOUT)
                    .buildAsync(URI.create(pageUrl), listener).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            var tools = new DevTools(process, socket);
            holder.complete(tools);
            return tools;
        } catch (Exception e) {
            stop(process);
            throw e;
        }
    }

    /** Sends a command and waits for its result (a protocol error fails). */
    JsonNode call(String method, Map<String, ?> params) throws Exception {
        int id = ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", JSON.valueToTree(params));
        var reply = new CompletableFuture<JsonNode>();
        pending.put(id, reply);
        socket.sendText(JSON.writeValueAsString(message), true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        JsonNode r = reply.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (r.has("error")) {
            throw new IllegalStateException(method + " failed: " + r.get("error"));
        }
        return r.get("result");
    }

    /** Waits until an event with this method (and matching {@code test}) has arrived. */
    JsonNode await(String method, Predicate<JsonNode> test) throws InterruptedException {
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            for (JsonNode e : events) {
                if (e.path("method").asText().equals(method) && test.test(e.get("params"))) {
                    return e.get("params");
                }
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("no " + method + " within " + TIMEOUT.toSeconds() + " s");
    }

    /** The params of every event with this method so far. */
    List<JsonNode> events(String method) {
        return events.stream().filter(e -> e.path("method").asText().equals(method)).map(e -> e.get("params"))
                .toList();
    }

    private void receive(JsonNode message) {
        if (message.has("id")) {
            var reply = pending.remove(message.get("id").asInt());
            if (reply != null) {
                reply.complete(message);
            }
        } else {
            events.add(message);
        }
    }

    @Override
    public void close() {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        } catch (RuntimeException ignored) {
            // the browser is stopped next either way
        }
        stop(process);
    }

    private static void stop(Process process) {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Joins a message's frames and hands the whole message to the client. */
    private static final class Listener implements WebSocket.Listener {
        private final CompletableFuture<DevTools> tools;
        private final StringBuilder buffer = new StringBuilder();

        Listener(CompletableFuture<DevTools> tools) {
            this.tools = tools;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            buffer.append(data);
            if (last) {
                String text = buffer.toString();
                buffer.setLength(0);
                try {
                    JsonNode message = JSON.readTree(text);
                    tools.join().receive(message);
                } catch (IOException e) {
                    throw new IllegalStateException("not a DevTools message: " + text, e);
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
