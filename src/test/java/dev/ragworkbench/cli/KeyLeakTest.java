package dev.ragworkbench.cli;

import dev.ragworkbench.Main;
import dev.ragworkbench.generation.ChatProvider;
import dev.ragworkbench.generation.ChatServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An API key given through the environment reaches the endpoint's Authorization header and nowhere else: not the
 * workspace's files (the H2 database included), not the log (at DEBUG), not the command's output, even when the
 * server echoes the key in its answer and in a 401's message. Runs the real command line in a second JVM, so the
 * key is a real environment variable.
 */
class KeyLeakTest {

    static final String SENTINEL = "sk-SENTINEL-7f3a9c1e5b2d4068aa11";

    @TempDir
    Path dir;

    @Test
    void theKeyIsSentToTheEndpointAndFoundNowhereElse() throws Exception {
        Path ws = dir.resolve("ws");
        Path state = dir.resolve("state");
        try (var server = new ChatServer()) {
            server.enqueue(ChatServer.openAiStream("your key is ", SENTINEL, "."));
            server.enqueue(ChatServer.json(401, "{\"error\":{\"message\":\"Incorrect API key provided: " + SENTINEL
                    + "\"}}"));
            var added = CliTestSupport.run("models", "add", "hosted", "--provider", "openai", "--base-url",
                    server.baseUrl(ChatProvider.OPENAI), "--model", "gpt-test", "--api-key-env", "RAGWB_TEST_KEY",
                    "--workspace", ws.toString());
            assertThat(added.exit()).as(added.err()).isZero();

            var answered = cli(state, "models", "test", "hosted", "--workspace", ws.toString(), "--verbose");
            assertThat(answered.exit).as(answered.err).isZero();
            assertThat(answered.out).contains("your key is ***.");
            var refused = cli(state, "models", "test", "hosted", "--workspace", ws.toString(), "--verbose");
            assertThat(refused.exit).isEqualTo(1);
            assertThat(refused.err).contains("401 Unauthorized", "key from $RAGWB_TEST_KEY", "provided: ***");

            assertThat(server.server.takeRequest().getHeader("Authorization")).isEqualTo("Bearer " + SENTINEL);
            assertThat(server.server.takeRequest().getHeader("Authorization")).isEqualTo("Bearer " + SENTINEL);
            for (var r : List.of(answered, refused)) {
                assertThat(r.out).doesNotContain(SENTINEL);
                assertThat(r.err).doesNotContain(SENTINEL);
            }
            var list = CliTestSupport.run("models", "list", "--json", "--workspace", ws.toString());
            assertThat(list.out()).contains("$RAGWB_TEST_KEY").doesNotContain(SENTINEL);
        }
        var files = filesUnder(ws);
        assertThat(files).anyMatch(f -> f.getFileName().toString().endsWith(".mv.db"));
        var logs = filesUnder(state);
        assertThat(logs).as("the installed app's log files").isNotEmpty();
        for (Path f : concat(files, logs)) {
            byte[] bytes = Files.readAllBytes(f);
            assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).as(f.toString()).doesNotContain(SENTINEL);
            assertThat(new String(bytes, StandardCharsets.UTF_16BE)).as(f + " (UTF-16)").doesNotContain(SENTINEL);
        }
    }

    record Run(int exit, String out, String err) {
    }

    private Run cli(Path state, String... args) throws Exception {
        var command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-Dragworkbench.installed=true",
                "-Dragworkbench.log.level=DEBUG", "-Duser.home=" + dir.resolve("home"),
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                "-cp", mainClassPath(), Main.class.getName()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        var pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("RAGWB_TEST_KEY", SENTINEL);
        pb.environment().put("XDG_STATE_HOME", state.toString());
        pb.environment().put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        var process = pb.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("the command line did not end within 120 s");
        }
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** The app's class path without the tests' (whose logback-test.xml would replace the app's log set-up). */
    private static String mainClassPath() {
        return Stream.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes"))
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }

    private static List<Path> filesUnder(Path root) throws IOException {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }

    private static List<Path> concat(List<Path> a, List<Path> b) {
        var all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
