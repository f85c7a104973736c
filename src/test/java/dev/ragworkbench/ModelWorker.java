package dev.ragworkbench;

import dev.ragworkbench.embedding.Embedder;
import dev.ragworkbench.embedding.Embedders;
import dev.ragworkbench.progress.Cancellation;
import dev.ragworkbench.progress.ProgressListener;

import java.util.ArrayList;
import java.util.List;

/**
 * The child JVM of {@link StopWhileModelWorksTest}: works with the real MiniLM model, wired for exit as
 * {@link Main} is, until a signal ends it. Prints a line at each phase, so the test knows where a signal lands.
 *
 * <p>Arguments: {@code load|embed} (load and close the model over and over, or load it once and embed batches
 * over and over), {@code task|main} (on a daemon {@code ui-task} thread while main waits, as in the window, or
 * on the main thread, as a command), and optionally {@code unguarded} (without {@link ProcessExit}: the JVM's
 * own exit, to see the crash this guards against).
 */
final class ModelWorker {

    private ModelWorker() {
    }

    public static void main(String[] args) throws Exception {
        boolean loadLoop = args[0].equals("load");
        boolean onTask = args[1].equals("task");
        if (args.length < 3 || !args[2].equals("unguarded")) {
            ProcessExit.onSignals();
        }
        Runnable work = () -> {
            try {
                work(loadLoop);
            } catch (RuntimeException e) {
                say("stopped: " + e); // a call refused by the stop: the work ends as cancelled
            }
        };
        if (onTask) {
            Thread t = new Thread(work, "ui-task-1");
            t.setDaemon(true);
            t.start();
            Thread.sleep(Long.MAX_VALUE); // the FX thread's part: wait for the window to close
        } else {
            work.run();
            ProcessExit.exit(0); // as Main ends a command
        }
    }

    private static void work(boolean loadLoop) {
        List<String> texts = texts();
        while (true) {
            say("loading");
            try (Embedder model = Embedders.open(Embedders.DEFAULT)) {
                say("loaded");
                do {
                    say("embedding");
                    model.embedDocuments(texts, ProgressListener.NONE, Cancellation.none());
                } while (!loadLoop);
            }
        }
    }

    private static List<String> texts() {
        var texts = new ArrayList<String>();
        for (int i = 0; i < 32; i++) {
            texts.add(("Document " + i + " reports that interleukin six levels rise early in sepsis and fall with "
                       + "treatment, while vitamin D supplements did not prevent fractures in older adults. ").repeat(3));
        }
        return texts;
    }

    private static synchronized void say(String phase) {
        System.out.println(System.nanoTime() / 1_000_000 + " " + phase);
        System.out.flush();
    }
}
