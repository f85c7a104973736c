package dev.ragworkbench.ui.experiments.launch;

import dev.ragworkbench.experiment.form.GridLaunch;
import dev.ragworkbench.progress.Stages;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A launched grid's progress as the view shows it: the phase, the indexes' progress, the running run's and the
 * grid's, and one row per run. Events come from worker threads and are handed to the FX thread through {@code fx},
 * a query step at most every 100 ms (a run's hundreds of queries a second need not each repaint the window).
 */
public final class LaunchProgress implements GridLaunch.Listener {

    /** One run of the grid: its name and what happened to it so far. */
    public static final class RunRow {
        private final String name;
        private final StringProperty status = new SimpleStringProperty("waiting");
        private final DoubleProperty progress = new SimpleDoubleProperty(0);

        RunRow(String name) {
            this.name = name;
        }

        public String name() { return name; }
        public StringProperty status() { return status; }
        public DoubleProperty progress() { return progress; }
    }

    private static final long STEP_NANOS = 100_000_000L;

    private final Executor fx;
    private final ObservableList<RunRow> rows = FXCollections.observableArrayList();
    private final StringProperty phase = new SimpleStringProperty("");
    private final DoubleProperty indexProgress = new SimpleDoubleProperty(0);
    private final DoubleProperty runProgress = new SimpleDoubleProperty(0);
    private final DoubleProperty gridProgress = new SimpleDoubleProperty(0);
    private final AtomicLong lastStep = new AtomicLong();

    LaunchProgress(Executor fx) {
        this.fx = fx;
    }

    /** A new grid: every run waiting (on the FX thread). */
    void reset(List<String> runs) {
        rows.setAll(runs.stream().map(RunRow::new).toList());
        phase.set("Starting");
        indexProgress.set(0);
        runProgress.set(0);
        gridProgress.set(0);
    }

    /** The grid ended: the run that was going is cancelled or failed, as {@code how} says (on the FX thread). */
    void ended(String how) {
        rows.stream().filter(r -> r.status.get().startsWith("running")).forEach(r -> r.status.set(how));
        rows.stream().filter(r -> r.status.get().equals("waiting")).forEach(r -> r.status.set("not run"));
        phase.set("");
    }

    @Override
    public void importing(long done, long total) {
        if (throttled(done, total)) {
            return;
        }
        fx.execute(() -> phase.set(total > 0 ? String.format(Locale.ROOT, "Reading the corpus: %,d of %,d", done, total)
                : "Reading the corpus"));
    }

    @Override
    public void indexing(int index, int count, String label, String stage, long done, long total) {
        if (throttled(done, total)) {
            return;
        }
        double within = total > 0 ? (double) done / total : 0;
        fx.execute(() -> {
            phase.set("Index " + (index + 1) + " of " + count + " (" + label + "): " + Stages.label(stage)
                    + (total > 0 ? String.format(Locale.ROOT, " %,d of %,d", done, total) : ""));
            indexProgress.set((index + within) / count);
        });
    }

    @Override
    public void running(int index, String run, long done, long total) {
        if (throttled(done, total)) {
            return;
        }
        double fraction = total > 0 ? (double) done / total : 0;
        fx.execute(() -> {
            indexProgress.set(1);
            phase.set("Run " + (index + 1) + " of " + rows.size() + ": " + run);
            runProgress.set(fraction);
            gridProgress.set((index + fraction) / Math.max(1, rows.size()));
            if (index < rows.size()) {
                rows.get(index).status.set(String.format(Locale.ROOT, "running %,d of %,d queries", done, total));
                rows.get(index).progress.set(fraction);
            }
        });
    }

    @Override
    public void ended(int index, String run) {
        fx.execute(() -> {
            if (index < rows.size()) {
                rows.get(index).status.set("finished");
                rows.get(index).progress.set(1);
            }
            runProgress.set(1);
            gridProgress.set((index + 1.0) / Math.max(1, rows.size()));
        });
    }

    /** Whether to drop this step: not a stage's first or last, and less than a step after the last passed on. */
    private boolean throttled(long done, long total) {
        long now = System.nanoTime();
        long last = lastStep.get();
        boolean edge = done <= 0 || (total > 0 && done >= total);
        if (!edge && now - last < STEP_NANOS) {
            return true;
        }
        lastStep.set(now);
        return false;
    }

    public ObservableList<RunRow> rows() { return rows; }
    public StringProperty phase() { return phase; }
    public DoubleProperty indexProgress() { return indexProgress; }
    public DoubleProperty runProgress() { return runProgress; }
    public DoubleProperty gridProgress() { return gridProgress; }
}
