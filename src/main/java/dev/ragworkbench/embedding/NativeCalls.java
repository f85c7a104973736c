package dev.ragworkbench.embedding;

import dev.ragworkbench.progress.CancelledException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Counts the threads inside a model's native code (onnxruntime's {@code createSession} and {@code run}, the
 * tokenizer's {@code encode}), so that nothing tears that code down under them.
 *
 * <p>Why: onnxruntime's {@code OrtEnvironment} registers a JVM shutdown hook that releases its native environment,
 * and the JVM runs shutdown hooks all at once, while daemon threads (the window's {@code ui-task-*}, the
 * embedding workers) go on running. A thread inside {@code createSession} when a SIGTERM, a window close or a
 * {@code System.exit} started the exit then used a freed environment: SIGSEGV in {@code createSession}. The same
 * holds for closing a session, or a tokenizer, while another thread is inside it.
 *
 * <p>So: every native call {@linkplain #enter enters} the process gate and its model's gate; {@link #stopProcess}
 * (called by the entry point before the JVM's exit begins: on SIGTERM, SIGINT, SIGHUP, before
 * {@code System.exit} and after the window closed) shuts the process gate, waits with a bound for the threads
 * inside to leave, then releases every open model, sessions before tokenizers, while onnxruntime's environment is
 * still alive. Calls that come later throw {@link CancelledException} instead of starting. A model's own
 * {@link OnnxModel#close} likewise waits for its calls before releasing it.
 */
public final class NativeCalls {

    private static final Logger log = LoggerFactory.getLogger(NativeCalls.class);

    /** The gate of the whole process: every model call passes it. */
    static final NativeCalls PROCESS = new NativeCalls("the process", null);

    /** Native resources still to release when the process stops, in the order they were opened. */
    private static final Set<Releasable> OPEN = new LinkedHashSet<>();

    /** What {@link #stopProcess} releases: a model's session and tokenizers. */
    interface Releasable {
        /** Releases the native resources; called once, with no thread inside them. */
        void release();

        /** Sessions go before tokenizers: a tokenizer holds nothing of onnxruntime's. */
        default int order() {
            return 0;
        }
    }

    private final String name;
    private final NativeCalls parent;
    private int inside;
    private boolean shut;

    private NativeCalls(String name, NativeCalls parent) {
        this.name = name;
        this.parent = parent;
    }

    /** A gate for one model or tokenizer, inside the process gate. */
    static NativeCalls of(String name) {
        return new NativeCalls(name, PROCESS);
    }

    /** One call in progress; closing it leaves the gate. */
    interface Call extends AutoCloseable {
        @Override
        void close();
    }

    /** Enters the gate (and the process gate), or throws {@link CancelledException} once either is shut. */
    Call enter() {
        if (parent != null) {
            parent.enterOne();
        }
        try {
            enterOne();
        } catch (RuntimeException e) {
            if (parent != null) {
                parent.leaveOne();
            }
            throw e;
        }
        return () -> {
            leaveOne();
            if (parent != null) {
                parent.leaveOne();
            }
        };
    }

    /** Runs {@code work} inside the gate: a native call that a stop or a close waits for, or refuses. */
    <T> T call(Supplier<T> work) {
        Call call = enter();
        try {
            return work.get();
        } finally {
            call.close();
        }
    }

    private synchronized void enterOne() {
        if (shut) {
            throw new CancelledException();
        }
        inside++;
    }

    private synchronized void leaveOne() {
        if (--inside == 0) {
            notifyAll();
        }
    }

    /**
     * Shuts the gate and waits, at most {@code bound}, for the threads inside to leave.
     *
     * @return whether none is inside any more (so the native resources behind it may be released)
     */
    synchronized boolean shut(Duration bound) {
        shut = true;
        long deadline = System.nanoTime() + bound.toNanos();
        boolean interrupted = false;
        while (inside > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                interrupted = true; // a stop must not be cut short: the release after it depends on it
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (inside > 0) {
            log.warn("{} thread(s) still inside the native code of {} after {} s", inside, name, bound.toSeconds());
        }
        return inside == 0;
    }

    /** How long closing one model waits for the calls still running on it (a batch, a tokenizer call). */
    static final Duration CLOSE_BOUND = Duration.ofSeconds(15);

    /** Registers a native resource; from now on it is released exactly once, by {@link #close} or the stop. */
    static void opened(Releasable resource) {
        synchronized (OPEN) {
            OPEN.add(resource);
        }
    }

    /**
     * Closes a resource whose calls pass {@code own}: waits for them, then releases it inside a process call, so
     * that a stop cannot begin the JVM's exit halfway through the release. While the process stops, the stop
     * releases it instead; when a call outlives the bound, it is left to the process exit rather than freed
     * under that call.
     */
    static void close(NativeCalls own, Releasable resource) {
        if (!own.shut(CLOSE_BOUND)) {
            return;
        }
        try {
            PROCESS.call(() -> {
                boolean open;
                synchronized (OPEN) {
                    open = OPEN.remove(resource);
                }
                if (open) {
                    resource.release();
                }
                return null;
            });
        } catch (CancelledException stopping) {
            // the stop has released it, or will
        }
    }

    /**
     * Stops every model call of this process: new calls throw {@link CancelledException}, the ones running (a
     * {@code createSession}, a batch) are waited for at most {@code bound}, then every open model is released,
     * sessions before tokenizers. Call it before the JVM's exit begins; later calls do nothing more.
     *
     * @return whether no thread was left inside native code (false only when the bound ran out)
     */
    public static boolean stopProcess(Duration bound) {
        long start = System.nanoTime();
        boolean clean = PROCESS.shut(bound);
        List<Releasable> open;
        synchronized (OPEN) {
            open = new ArrayList<>(OPEN);
            OPEN.clear();
        }
        if (!clean) {
            return false; // releasing under a running call is the crash this class exists to prevent
        }
        open.sort((a, b) -> Integer.compare(a.order(), b.order()));
        for (Releasable r : open) {
            try {
                r.release();
            } catch (RuntimeException e) {
                log.debug("releasing a model at exit failed", e);
            }
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        if (ms > 100 || !open.isEmpty()) {
            log.info("stopped the model work in {} ms ({} native resource(s) released)", ms, open.size());
        }
        return true;
    }
}
