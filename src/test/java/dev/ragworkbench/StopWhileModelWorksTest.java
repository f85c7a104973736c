package dev.ragworkbench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM sent to real JVMs while the real MiniLM model loads or embeds ({@link ModelWorker}, wired for exit as
 * {@link Main} is): each ends with the JVM's SIGTERM code, 143, and no JVM crash log. Without {@link ProcessExit}
 * the same worker crashed in {@code createSession} (exit 134 and an {@code hs_err_pid*.log}), as the two crash
 * logs of issue 10 did. Ten signals: five spread over model loads, five over embedding batches, half of them with
 * the work on a daemon {@code ui-task} thread (the window), half on the main thread (a command).
 */
class StopWhileModelWorksTest {

    /**
     * Milliseconds after the phase's first marker. A load takes 1–7 s here (the native library, reading the model,
     * then createSession, the part that crashed), and the worker loads again and again, so these land in every
     * part of it; a batch of 32 texts takes 0.5–2 s.
     */
    private static final int[] LOAD_DELAYS = {0, 800, 1600, 2400, 3200};
    private static final int[] EMBED_DELAYS = {0, 350, 700, 1050, 1400};


    @TempDir
    Path dir;

    record Trial(String phase, String thread, int delayMs, String landedIn, int exit, long stopMs) {
    }

    @Test
    void sigtermWhileTheModelLoadsOrEmbedsEndsWithoutACrash() throws Exception {
        var trials = new ArrayList<Trial>();
        // a load trial and an embed trial at a time: half the wall time, and a busier machine, as a real one is
        try (var pair = Executors.newFixedThreadPool(2)) {
            var futures = new ArrayList<Future<Trial>>();
            for (int i = 0; i < LOAD_DELAYS.length; i++) {
                int load = LOAD_DELAYS[i];
                int embed = EMBED_DELAYS[i];
                String thread = i % 2 == 0 ? "task" : "main";
                String other = i % 2 == 0 ? "main" : "task";
                futures.add(pair.submit(() -> signal("load", thread, load)));
                futures.add(pair.submit(() -> signal("embed", other, embed)));
            }
            for (var f : futures) {
                trials.add(f.get());
            }
        }
        trials.sort(Comparator.comparing(Trial::phase).reversed().thenComparing(Trial::delayMs));
        trials.forEach(t -> System.out.printf("SIGTERM %-5s on %-4s %4d ms after its start: landed in '%s', exit %d,"
                + " stopped in %d ms%n", t.phase(), t.thread(), t.delayMs(), t.landedIn(), t.exit(), t.stopMs()));
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("hs_err"));
        }
        assertThat(trials).allSatisfy(t -> {
            assertThat(t.exit()).as("%s", t).isEqualTo(143);
            // the load worker prints 'loaded' and 'embedding' for an instant between two loads
            assertThat(t.landedIn()).as("%s", t).isIn(t.phase().equals("load")
                    ? List.of("loading", "loaded", "embedding") : List.of("embedding"));
        });
    }

    private Trial signal(String phase, String thread, int delayMs) throws Exception {
        String marker = phase.equals("load") ? "loading" : "embedding";
        Path err = dir.resolve(phase + "-" + thread + "-" + delayMs + ".err");
        Process worker = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
                "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
                "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:ErrorFile=" + dir.resolve("hs_err_pid%p.log"),
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                "-cp", System.getProperty("java.class.path"),
                ModelWorker.class.getName(), phase, thread)
                .redirectError(err.toFile())
                .start();
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = Thread.ofVirtual().start(() -> read(worker, lines));
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (lines.stream().noneMatch(l -> l.endsWith(" " + marker))) {
                assertThat(worker.isAlive()).as("worker ended early: %s %s", lines, Files.readString(err)).isTrue();
                assertThat(System.nanoTime()).as("no '%s' within 90 s", marker).isLessThan(deadline);
                Thread.sleep(5);
            }
            Thread.sleep(delayMs);
            String landedIn = lines.getLast().substring(lines.getLast().indexOf(' ') + 1);
            long sent = System.nanoTime();
            worker.destroy(); // SIGTERM
            assertThat(worker.waitFor(60, TimeUnit.SECONDS)).as("ends within 60 s of SIGTERM").isTrue();
            long stopMs = (System.nanoTime() - sent) / 1_000_000;
            reader.join(5_000);
            assertThat(Files.readString(err)).doesNotContain("A fatal error has been detected", "SIGSEGV");
            return new Trial(phase, thread, delayMs, landedIn, worker.exitValue(), stopMs);
        } finally {
            worker.destroyForcibly().waitFor();
        }
    }

    private static void read(Process worker, List<String> lines) {
        try (var in = new BufferedReader(new InputStreamReader(worker.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                lines.add(line);
            }
        } catch (IOException e) {
            // the worker is gone
        }
    }
}
