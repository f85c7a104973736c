package dev.ragworkbench.experiment.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Starts {@link StoreWorker} in a second JVM with this JVM's java binary, class path and module flags. */
final class Jvm {

    private Jvm() {
    }

    static Process startWorker(Path logDir, String... args) throws IOException {
        var command = new ArrayList<String>(List.of(
                ProcessHandle.current().info().command().orElseThrow(),
                "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
                "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                "-cp", System.getProperty("java.class.path"),
                StoreWorker.class.getName()));
        command.addAll(List.of(args));
        Files.createDirectories(logDir);
        return new ProcessBuilder(command)
                .redirectOutput(logDir.resolve("worker.out").toFile())
                .redirectError(logDir.resolve("worker.err").toFile())
                .start();
    }

    /** Waits for {@code marker} to appear while {@code worker} lives; fails with the worker's log otherwise. */
    static String awaitMarker(Process worker, Path marker, Path logDir, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.exists(marker)) {
            if (!worker.isAlive()) {
                throw new AssertionError("worker ended with " + worker.exitValue() + " before marking: " + log(logDir));
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("worker did not mark within " + timeout + ": " + log(logDir));
            }
            Thread.sleep(20);
        }
        return Files.readString(marker);
    }

    static int awaitExit(Process worker, Path logDir, Duration timeout) throws Exception {
        if (!worker.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            worker.destroyForcibly().waitFor();
            throw new AssertionError("worker still running after " + timeout + ": " + log(logDir));
        }
        return worker.exitValue();
    }

    static String log(Path logDir) throws IOException {
        var text = new StringBuilder();
        for (String name : List.of("worker.out", "worker.err")) {
            Path file = logDir.resolve(name);
            if (Files.exists(file)) {
                text.append("\n--- ").append(name).append(" ---\n").append(Files.readString(file));
            }
        }
        return text.toString();
    }
}
