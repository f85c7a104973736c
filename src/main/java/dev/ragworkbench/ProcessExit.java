package dev.ragworkbench;

import dev.ragworkbench.embedding.NativeCalls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

import java.time.Duration;
import java.util.List;

/**
 * How this process ends: the model work is stopped before the JVM's exit begins, never during it.
 *
 * <p>The JVM's own answer to SIGTERM, SIGINT and SIGHUP is {@code System.exit}, which starts every shutdown hook at
 * once, onnxruntime's among them (it frees the native environment), while task threads may be inside
 * {@code createSession} or a batch: the SIGSEGV in two crash logs. So those signals come here instead: the model
 * work is stopped ({@link NativeCalls#stopProcess}: no new call starts, the running ones are waited for, the
 * sessions are closed while onnxruntime is still whole), and only then does the JVM exit, with the code the
 * JVM itself would have given (128 + the signal's number). A command's end and the window's close take the same
 * stop before their exit.
 */
final class ProcessExit {

    private static final Logger log = LoggerFactory.getLogger(ProcessExit.class);

    /** Longer than a model load or a batch takes on a busy two-core machine; a stop waits this long at most. */
    static final Duration STOP_BOUND = Duration.ofSeconds(20);

    /** The exit code a signal asked for (128 + its number), or 0: it wins over the code of work it cut short. */
    private static volatile int signalled;

    private ProcessExit() {
    }

    /** Routes the signals that would end the JVM through {@link #stop()} first. */
    static void onSignals() {
        for (String name : List.of("TERM", "INT", "HUP")) {
            try {
                Signal signal = new Signal(name);
                Signal.handle(signal, s -> {
                    log.info("SIG{} received: stopping", s.getName());
                    signalled = 128 + s.getNumber();
                    exit(signalled);
                });
            } catch (IllegalArgumentException e) {
                // not on this OS (Windows has no HUP), or the JVM was told to leave it alone (-Xrs)
                log.debug("cannot handle SIG{}: {}", name, e.getMessage());
            }
        }
    }

    /** Stops the model work (at most {@link #STOP_BOUND}); the JVM may exit after it. */
    static void stop() {
        NativeCalls.stopProcess(STOP_BOUND);
    }

    /**
     * Stops the model work, then exits with {@code code}, or with a signal's code when a signal is stopping the
     * process (the command it interrupted then ends as cancelled, and its own exit waits for the signal's).
     */
    static void exit(int code) {
        stop();
        System.exit(signalled != 0 ? signalled : code);
    }
}
