package dev.ragworkbench.experiment.store;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Objects;

/**
 * The process writing a run: enough to tell later, from another process, whether it is still there.
 *
 * @param pid       its process id
 * @param startedAt when that process started, or null when the OS would not say; a pid alone is reused by the OS
 * @param host      the machine it runs on; a pid means nothing on another host
 */
public record RunOwner(long pid, Instant startedAt, String host) {

    public RunOwner {
        Objects.requireNonNull(host, "host");
    }

    /** This process. */
    public static RunOwner current() {
        ProcessHandle self = ProcessHandle.current();
        return new RunOwner(self.pid(), self.info().startInstant().orElse(null), localHost());
    }

    /** This machine's name, looked up once: the lookup can be slow when name resolution is misconfigured. */
    public static String localHost() {
        return LocalHost.NAME;
    }

    private static final class LocalHost {
        static final String NAME = lookUp();

        private static String lookUp() {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                String env = System.getenv("COMPUTERNAME") != null ? System.getenv("COMPUTERNAME") : System.getenv("HOSTNAME");
                return env != null && !env.isBlank() ? env : "localhost";
            }
        }
    }
}
