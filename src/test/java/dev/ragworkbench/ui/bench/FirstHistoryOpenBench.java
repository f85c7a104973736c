package dev.ragworkbench.ui.bench;

import dev.ragworkbench.experiment.store.HistoryFixture;
import dev.ragworkbench.experiment.store.HistoryQuery;
import dev.ragworkbench.experiment.store.RunStore;
import dev.ragworkbench.ui.common.FirstPulse;
import dev.ragworkbench.ui.experiments.ExperimentsPage;
import dev.ragworkbench.ui.shell.AppConfig;
import dev.ragworkbench.ui.shell.AppShell;
import dev.ragworkbench.ui.shell.Section;
import dev.ragworkbench.ui.shell.UiSettings;
import dev.ragworkbench.workspace.Workspace;
import javafx.application.Platform;
import javafx.stage.Stage;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;

/**
 * The history's first opening as a user meets it: the real window ({@link AppShell}) started on a workspace of
 * 10,000 runs, left alone for {@code bench.idleMs} (3,000) after it is shown, then the Experiments section selected;
 * times from the selection to the first frame showing the table's first page. One opening per JVM (the cold one
 * {@link HistoryPaneBench} cannot isolate): run it several times. Prints one line; asserts nothing.
 *
 * <p>{@code -Dbench.open=false} starts the window and closes it after the idle time without opening Experiments:
 * the launcher's AOT cache is recorded by the app's first start, and this is one that never showed the history
 * (README, History pane benchmark).
 */
public final class FirstHistoryOpenBench {

    private FirstHistoryOpenBench() {
    }

    public static void main(String[] args) throws Exception {
        int runs = Integer.getInteger("bench.runs", 10_000);
        long idle = Long.getLong("bench.idleMs", 3_000);
        Path work = System.getProperty("bench.work") != null ? Path.of(System.getProperty("bench.work"))
                : Files.createTempDirectory("history-open-bench");
        Path ws = work.resolve("ws");
        try (var workspace = Workspace.open(ws)) {
            if (new RunStore(workspace).search(HistoryQuery.all().page(0, 1)).total() < runs) {
                HistoryFixture.seed(new RunStore(workspace), runs, 42);
            }
        }
        var up = new CompletableFuture<Void>();
        Platform.startup(() -> up.complete(null));
        up.get(30, TimeUnit.SECONDS);
        var prefs = Preferences.userRoot().node("dev/ragworkbench/bench/" + UUID.randomUUID());
        var shell = new AppShell[1];
        var shown = new CompletableFuture<Void>();
        Platform.runLater(() -> {
            var stage = new Stage();
            shell[0] = new AppShell(stage, new AppConfig(ws, new UiSettings(prefs), false, false));
            shell[0].start();
            FirstPulse.afterNext(stage.getScene(), () -> shown.complete(null));
        });
        shown.get(60, TimeUnit.SECONDS);
        Thread.sleep(idle);
        if (!Boolean.parseBoolean(System.getProperty("bench.open", "true"))) {
            close(shell[0], prefs);
            return;
        }
        var done = new CompletableFuture<Long>();
        var threads = ManagementFactory.getThreadMXBean();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long[] cpu = new long[4];
        Platform.runLater(() -> {
            long t0 = System.nanoTime();
            cpu[0] = threads.getCurrentThreadCpuTime();
            cpu[1] = os.getProcessCpuTime();
            shell[0].select(Section.EXPERIMENTS);
            var page = shell[0].page(Section.EXPERIMENTS, ExperimentsPage.class);
            Runnable finish = () -> FirstPulse.afterNext(page.view().getScene(), () -> {
                cpu[2] = threads.getCurrentThreadCpuTime();
                cpu[3] = os.getProcessCpuTime();
                done.complete((System.nanoTime() - t0) / 1_000_000);
            });
            if (page.history().shownProperty().get() > 0) {
                finish.run();
            } else {
                page.history().shownProperty().addListener((o, a, b) -> finish.run());
            }
        });
        long ms = done.get(60, TimeUnit.SECONDS);
        // CPU times say what the opening costs apart from how busy the machine is (the wall time doubles on a
        // machine whose two cores other builds share)
        System.out.printf(Locale.ROOT, "first history opening, %,d runs, %d ms after the window was shown: %d ms"
                        + " (CPU: FX thread %d ms, process %d ms)%n", runs, idle, ms, (cpu[2] - cpu[0]) / 1_000_000,
                (cpu[3] - cpu[1]) / 1_000_000);
        close(shell[0], prefs);
    }

    private static void close(AppShell shell, Preferences prefs) throws Exception {
        var closed = new CompletableFuture<Void>();
        Platform.runLater(() -> {
            shell.close();
            closed.complete(null);
        });
        closed.get(30, TimeUnit.SECONDS);
        prefs.removeNode();
        Platform.exit();
        System.exit(0); // the window's non-daemon threads would keep the JVM (and an AOT cache's writing) waiting
    }
}
