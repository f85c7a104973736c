package dev.ragworkbench.ui.bench;

import dev.ragworkbench.ui.shell.AppConfig;
import dev.ragworkbench.ui.shell.AppShell;
import dev.ragworkbench.ui.shell.Section;
import dev.ragworkbench.ui.shell.UiSettings;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.stage.Stage;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.prefs.Preferences;

/**
 * Measures how long the FX thread stalls while the Import pane imports documents: opens the real window on a
 * fresh workspace (no sample), hands the paths to {@code ImportView.dropFiles} as a drop (or "Add files…") does,
 * and while the import runs and the table fills, posts a {@code Platform.runLater} every 5 ms and records how
 * late each one ran, and records the gaps between animation pulses. Part of the desktop benchmark
 * ({@code dev.ragworkbench.bench.UiBench}); asserts nothing.
 */
public final class ImportStallBench {

    private static final long PROBE_PERIOD_MICROS = 5_000;
    private static final AtomicBoolean started = new AtomicBoolean();

    private ImportStallBench() {
    }

    /**
     * @param lateMillis      how late each probe ran (ms), in order
     * @param pulseGapMillis  the gaps between animation pulses (ms)
     * @param importMillis    from the drop until every document is in the table
     */
    public record Result(String scenario, int documents, long importMillis, double[] lateMillis,
                         double[] stallCpuMillis, double[] pulseGapMillis, List<String> longStalls, long fxCpuMillis) {

        public double maxStallCpu() {
            return Arrays.stream(stallCpuMillis).max().orElse(0);
        }

        public double p99StallCpu() {
            return percentile(stallCpuMillis, 0.99);
        }

        public double maxLate() {
            return Arrays.stream(lateMillis).max().orElse(0);
        }

        public double p99Late() {
            return percentile(lateMillis, 0.99);
        }

        public double maxPulseGap() {
            return Arrays.stream(pulseGapMillis).max().orElse(0);
        }

        public long over(double millis) {
            return Arrays.stream(lateMillis).filter(d -> d > millis).count();
        }
    }

    static double percentile(double[] values, double p) {
        if (values.length == 0) {
            return 0;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int i = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.clamp(i, 0, sorted.length - 1)];
    }

    /** Imports {@code paths} (dropped together) into a new workspace at {@code workspace}; waits for {@code expected} rows. */
    public static Result run(String scenario, Path workspace, List<Path> paths, int expected) throws Exception {
        if (started.compareAndSet(false, true)) {
            var up = new CompletableFuture<Void>();
            Platform.startup(() -> up.complete(null));
            up.get(30, TimeUnit.SECONDS);
            Platform.setImplicitExit(false);
        }
        var prefs = Preferences.userRoot().node("dev/ragworkbench/bench/" + UUID.randomUUID());
        var stage = new Stage[1];
        AppShell shell = fx(() -> {
            stage[0] = new Stage();
            var s = new AppShell(stage[0], new AppConfig(workspace, new UiSettings(prefs), false, false));
            s.start();
            stage[0].setWidth(1280);
            stage[0].setHeight(800);
            s.select(Section.IMPORT);
            return s;
        });
        // let start-up work (corpus listing, the chunking pane's first preview) end before measuring
        waitUntil(60, () -> shell.runner().running().isEmpty());
        Thread.sleep(1500);

        long fxThread = fx(() -> Thread.currentThread().threadId());
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        var late = new ArrayList<Double>();
        var lateCpu = new ArrayList<Double>();
        var lateAt = new ArrayList<Long>();
        var gaps = new ArrayList<Double>();
        var timer = fx(() -> {
            var t = new AnimationTimer() {
                long last = -1;

                @Override
                public void handle(long now) {
                    if (last > 0) {
                        gaps.add((now - last) / 1e6);
                    }
                    last = now;
                }
            };
            t.start();
            return t;
        });
        ScheduledExecutorService probe = Executors.newSingleThreadScheduledExecutor(r -> {
            var th = new Thread(r, "fx-stall-probe");
            th.setDaemon(true);
            return th;
        });
        long t0 = System.nanoTime();
        probe.scheduleAtFixedRate(() -> {
            long posted = System.nanoTime();
            long cpuAtPost = threads.getThreadCpuTime(fxThread);
            Platform.runLater(() -> {
                long ran = System.nanoTime();
                late.add((ran - posted) / 1e6);
                lateCpu.add((threads.getCurrentThreadCpuTime() - cpuAtPost) / 1e6);
                lateAt.add((posted - t0) / 1_000_000);
            });
        }, 0, PROBE_PERIOD_MICROS, TimeUnit.MICROSECONDS);
        Thread.sleep(200);

        long cpuBefore = threads.getThreadCpuTime(fxThread);
        long dropped = System.nanoTime();
        fx(() -> {
            shell.page(dev.ragworkbench.ui.shell.Section.IMPORT, dev.ragworkbench.ui.importing.ImportPage.class).view().dropFiles(paths.stream().map(Path::toFile).map(File.class::cast).toList());
            return null;
        });
        waitUntil(600, () -> shell.runner().running().isEmpty()
                             && shell.page(dev.ragworkbench.ui.shell.Section.IMPORT, dev.ragworkbench.ui.importing.ImportPage.class).viewModel().documents().size() == expected
                             && shell.page(dev.ragworkbench.ui.shell.Section.IMPORT, dev.ragworkbench.ui.importing.ImportPage.class).view().table().getItems().size() == expected);
        long importMillis = (System.nanoTime() - dropped) / 1_000_000;
        Thread.sleep(1000); // the table's layout and a few more pulses after it filled
        long fxCpuMillis = (threads.getThreadCpuTime(fxThread) - cpuBefore) / 1_000_000;
        probe.shutdown();
        probe.awaitTermination(5, TimeUnit.SECONDS);
        var result = fx(() -> {
            timer.stop();
            // a stall shows as a run of late probes; keep only the first (longest) of each run
            var firsts = new ArrayList<String>();
            long prevAt = Long.MIN_VALUE;
            for (int i = 0; i < late.size(); i++) {
                if (late.get(i) > 50 && lateAt.get(i) - prevAt > 10) {
                    firsts.add(String.format(java.util.Locale.ROOT, "%.0f ms at +%d ms", late.get(i), lateAt.get(i)));
                }
                if (late.get(i) > 50) {
                    prevAt = lateAt.get(i);
                }
            }
            return new Result(scenario, expected, importMillis, late.stream().mapToDouble(Double::doubleValue).toArray(),
                    lateCpu.stream().mapToDouble(Double::doubleValue).toArray(), gaps.stream().mapToDouble(Double::doubleValue).toArray(), firsts, fxCpuMillis);
        });
        fx(() -> {
            stage[0].close();
            shell.close();
            return null;
        });
        prefs.removeNode();
        return result;
    }

    /** Lets the FX toolkit go once every scenario ran. */
    public static void shutdown() {
        if (started.get()) {
            Platform.exit();
        }
    }

    private static <T> T fx(Callable<T> work) throws Exception {
        var result = new CompletableFuture<T>();
        Platform.runLater(() -> {
            try {
                result.complete(work.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(120, TimeUnit.SECONDS);
    }

    private static void waitUntil(int seconds, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!fx(condition)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + seconds + " s");
            }
            Thread.sleep(50);
        }
    }
}
