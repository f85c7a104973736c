package dev.ragworkbench.generation;

import dev.ragworkbench.progress.Cancellation;

import java.time.Duration;
import java.util.Locale;

/**
 * One attempt of a call: when it must end, who may cancel it, and what the transport learnt on the way (an
 * answer began; text was passed on). The reasons it writes name the model and URL and never hold the key.
 */
final class Attempt {

    final ChatModelSettings settings;
    final String key;
    final String keySource;
    final Cancellation cancel;
    private final long deadline;
    /** A 2xx response arrived: a failure after this is the reply not being the protocol. */
    volatile boolean responded;
    /** Streamed text was passed on: the attempt cannot be repeated without repeating it. */
    volatile boolean emitted;

    Attempt(ChatModelSettings settings, String key, String keySource, Cancellation cancel) {
        this.settings = settings;
        this.key = key;
        this.keySource = keySource;
        this.cancel = cancel;
        this.deadline = System.nanoTime() + settings.timeout().toNanos();
    }

    /** Why the attempt must stop now (cancelled, out of time), or null to go on. */
    TransportFailure abort(String url) {
        if (cancel.isCancelled()) {
            return new TransportFailure(ChatFailure.Kind.CANCELLED, "cancelled", false);
        }
        if (System.nanoTime() - deadline > 0) {
            return new TransportFailure(ChatFailure.Kind.TIMEOUT, "no answer from " + url + " within "
                    + seconds(settings.timeout()) + " (the timeout of model " + settings.name() + ")", false);
        }
        return null;
    }

    String redact(String text) {
        return Secrets.redact(text, key);
    }

    static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
