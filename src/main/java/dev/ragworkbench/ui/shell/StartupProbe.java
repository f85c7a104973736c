package dev.ragworkbench.ui.shell;

import dev.ragworkbench.ui.common.FirstPulse;
import dev.ragworkbench.ui.tasks.FxTaskRunner;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.util.Duration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Measures how long the window takes to start, for the desktop benchmark. Off unless the system property
 * {@value #FILE} names a file: then the app writes there, as {@code name=millis} lines, the milliseconds since
 * the JVM started at which each start-up step ended, the wall-clock time ({@code epochMillis}) of the moment the
 * window was shown and answered, and exits when {@value #EXIT} says so:
 * <ul>
 *     <li>{@code shown}: after the first frame ({@code stage.show()}, a pulse (layout and render) and a
 *     {@code Platform.runLater} queued after it, which runs only once the FX thread is free again: the
 *     {@code responsive} mark) and once the background work the panes started with has finished
 *     ({@code settled});</li>
 *     <li>{@code idle}: once no listed task has run for a second (a new workspace's sample is seeded and
 *     indexed), for the benchmark's seeding run.</li>
 * </ul>
 */
public final class StartupProbe {

    public static final String FILE = "ragworkbench.startupProbe";
    public static final String EXIT = "ragworkbench.startupProbe.exit";

    private static final List<String> marks = new ArrayList<>();

    private StartupProbe() {
    }

    static boolean enabled() {
        return System.getProperty(FILE) != null;
    }

    /** Notes that a start-up step ended now (cheap; kept in memory until written). */
    static synchronized void mark(String step) {
        if (enabled()) {
            marks.add(step + "=" + sinceJvmStart());
            // the marking thread's CPU time says how much of a step was its own work rather than waiting
            marks.add(step + ".threadCpu=" + ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1_000_000);
        }
    }

    private static long sinceJvmStart() {
        return System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    }

    /** Call right after {@code stage.show()}: writes the marks after the first pulse, then exits if asked. */
    static void afterShown(Scene scene, FxTaskRunner runner) {
        if (!enabled()) {
            return;
        }
        mark("show");
        String exit = System.getProperty(EXIT, "");
        FirstPulse.then(scene, () -> {
            mark("firstPulse");
            Platform.runLater(() -> {
                // the FX thread's CPU until here is responsive.threadCpu
                mark("responsive");
                synchronized (StartupProbe.class) {
                    marks.add("epochMillis=" + System.currentTimeMillis());
                    // CPU time says what start-up costs apart from how busy the machine is
                    if (ManagementFactory.getOperatingSystemMXBean()
                            instanceof com.sun.management.OperatingSystemMXBean os) {
                        marks.add("processCpu=" + os.getProcessCpuTime() / 1_000_000);
                    }
                }
                write();
                if (exit.equals("shown")) {
                    // the background work the panes started with (rows, token counts, indexes) has finished
                    long deadline = System.nanoTime() + 60_000_000_000L;
                    exitWhen(Duration.millis(20), () -> !runner.busy() || System.nanoTime() > deadline,
                            () -> runner.busy() ? "settledTimeout" : "settled");
                } else if (exit.equals("idle")) {
                    // no listed task for a second (a new workspace's sample is seeded and indexed)
                    int[] quiet = new int[1];
                    exitWhen(Duration.millis(250),
                            () -> (quiet[0] = runner.running().isEmpty() ? quiet[0] + 1 : 0) >= 4, () -> "idle");
                }
            });
        });
    }

    /** Checks {@code done} every {@code period} on the FX thread; once true, marks {@code step}, writes and exits. */
    private static void exitWhen(Duration period, BooleanSupplier done, Supplier<String> step) {
        var poll = new Timeline();
        poll.getKeyFrames().add(new KeyFrame(period, e -> {
            if (done.getAsBoolean()) {
                poll.stop();
                mark(step.get());
                write();
                Platform.exit();
            }
        }));
        poll.setCycleCount(Timeline.INDEFINITE);
        poll.play();
    }

    private static synchronized void write() {
        try {
            Files.write(Path.of(System.getProperty(FILE)), marks);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
