package dev.ragworkbench.experiment.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Decides whether the process that owns a {@code running} run is gone. Only a process on this host can be
 * checked; anything we cannot be sure about counts as alive, because wrongly failing a run that is still being
 * written is worse than leaving a dead one marked running a little longer.
 */
final class OwnerLiveness {

    /**
     * Start instants of one process as seen from two JVMs can differ by the OS clock-tick rounding; a pid
     * reused within a second of the first process starting would need the pid space to wrap in that second.
     */
    static final Duration START_TOLERANCE = Duration.ofSeconds(1);

    private final String localHost;

    OwnerLiveness(String localHost) {
        this.localHost = localHost;
    }

    /** Whether runs of this owner can be judged from here at all. */
    boolean isLocal(RunOwner owner) {
        return localHost.equalsIgnoreCase(owner.host());
    }

    /**
     * Why the owner is gone, e.g. {@code "process 1234 ended"}, or empty when it is alive, may be alive, or
     * runs on another host.
     */
    Optional<String> goneReason(RunOwner owner) {
        if (!isLocal(owner)) {
            return Optional.empty();
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(owner.pid());
        if (handle.isEmpty() || !handle.get().isAlive()) {
            return Optional.of("process " + owner.pid() + " ended");
        }
        Instant recorded = owner.startedAt();
        Optional<Instant> actual = handle.get().info().startInstant();
        if (recorded != null && actual.isPresent()
                && Duration.between(recorded, actual.get()).abs().compareTo(START_TOLERANCE) > 0) {
            return Optional.of("process " + owner.pid() + " ended; its pid now belongs to a process started "
                    + actual.get());
        }
        return Optional.empty();
    }
}
