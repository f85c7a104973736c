package dev.ragworkbench.cli;

import dev.ragworkbench.progress.ProgressListener;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Progress on stderr: a line redrawn in place on a terminal; on a pipe or CI log, a line per tenth of a stage,
 * so logs stay short. Notes (skipped files) always get their own line.
 */
final class TerminalProgress implements ProgressListener {

    private final PrintWriter err;
    private final boolean interactive;
    private String stage = "";
    private long lastDraw;
    private long lastTenth = -1;
    private boolean lineOpen;

    TerminalProgress(PrintWriter err) {
        this(err, System.console() != null && System.console().isTerminal());
    }

    TerminalProgress(PrintWriter err, boolean interactive) {
        this.err = err;
        this.interactive = interactive;
    }

    @Override
    public synchronized void progress(String stage, long done, long total) {
        boolean newStage = !stage.equals(this.stage);
        if (newStage) {
            closeLine();
            this.stage = stage;
            lastTenth = -1;
        }
        boolean finished = total > 0 && done >= total;
        String text = total > 0
                ? String.format(Locale.ROOT, "%s %,d/%,d (%d%%)", stage, done, total, done * 100 / total)
                : String.format(Locale.ROOT, "%s %,d", stage, done);
        if (interactive) {
            long now = System.nanoTime();
            if (finished || newStage || now - lastDraw > 100_000_000L) {
                err.print("\r" + text + "\u001b[K");
                err.flush();
                lineOpen = true;
                lastDraw = now;
            }
            if (finished) {
                closeLine();
            }
        } else {
            long tenth = total > 0 ? done * 10 / total : -1;
            if (tenth != lastTenth && (tenth > lastTenth)) {
                err.println(text);
                lastTenth = tenth;
            }
        }
    }

    @Override
    public synchronized void note(String message) {
        closeLine();
        err.println(message);
    }

    synchronized void closeLine() {
        if (lineOpen) {
            err.println();
            lineOpen = false;
        }
    }
}
