package dev.ragworkbench.progress;


import java.time.Duration;
import java.util.Objects;

/**
 * Passes progress on at most once per {@code interval}, and always a stage's first step and its last. Every step
 * the task runner passes on becomes a change of the status bar's label and bar on the FX thread and a repaint of
 * the window; a step per file, hundreds a second, kept the FX thread busy for no visible gain.
 */
public final class ThrottledProgress implements ProgressListener {

    private final ProgressListener target;
    private final long intervalNanos;
    private String stage;
    private long lastNanos;

    public ThrottledProgress(ProgressListener target, Duration interval) {
        this.target = target;
        this.intervalNanos = interval.toNanos();
    }

    @Override
    public void progress(String stage, long done, long total) {
        synchronized (this) {
            long now = System.nanoTime();
            boolean last = total > 0 && done >= total;
            if (!last && Objects.equals(stage, this.stage) && now - lastNanos < intervalNanos) {
                return;
            }
            this.stage = stage;
            lastNanos = now;
        }
        target.progress(stage, done, total);
    }

    @Override
    public void note(String message) {
        target.note(message);
    }
}
