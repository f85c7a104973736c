package dev.ragworkbench.workspace;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Waits, reading and never writing, until opening the database cannot make H2 rewrite its lock file.
 *
 * <p>H2 ({@code FILE_LOCK=FILE}, which {@code AUTO_SERVER} needs) takes a fast, read-only path when the lock file
 * names a running server (it connects to it) or is absent (it creates it). Any other lock file sends it down the
 * slow path meant for a crashed owner: wait until the file is 2 s old (failing with "Lock file recently modified"
 * after 4 s), overwrite it with its own id, sleep 2 s, and see whether the owner's watchdog wrote it back ("Locked
 * by another process", then connect to the server). A process that arrives while the owner is between taking the
 * lock and writing its server's address (tens of milliseconds), or while another newcomer's id is in the file,
 * takes that path, and its own write sends the next newcomers down it too. With a stream of short commands (a
 * script polling {@code runs list} beside a {@code run}) that cascade kept the file "recently modified" for more
 * than the 15 s an open waits, and a {@code run} or a poller failed (issue 10).
 *
 * <p>Waiting here while the file is {@link State#OPENING} breaks the cascade: a newcomer only calls H2 once the
 * file is absent, names a server, or is old enough that its owner may have crashed (then H2's own recovery is
 * the right path).
 */
final class LockFileWait {

    /** H2's own test for a lock file that may be stale is "older than 2 s"; a margin over it. */
    static final long STALE_AFTER_MS = 2_500;

    enum State {
        /** No lock file: H2 creates one and opens the database itself. */
        ABSENT,
        /** The owner's server is named: H2 asks it and connects to it. */
        SERVED,
        /** No server named and not written for a while: the owner may have crashed; H2 finds out. */
        STALE,
        /** Being taken or contested right now: calling H2 would make it write. */
        OPENING
    }

    private LockFileWait() {
    }

    /** H2's lock file for the database file {@code database} (without its {@code .mv.db} suffix). */
    static Path lockFile(Path database) {
        return database.resolveSibling(database.getFileName() + ".lock.db");
    }

    /** Returns once {@code lockFile} is not {@link State#OPENING}, or at {@code deadlineNanos}, whichever is first. */
    static void await(Path lockFile, long deadlineNanos) {
        long pause = 5;
        while (state(lockFile, System.currentTimeMillis()) == State.OPENING && System.nanoTime() < deadlineNanos) {
            try {
                // jittered, so the newcomers that waited together do not all arrive together
                Thread.sleep(pause + ThreadLocalRandom.current().nextLong(pause));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            pause = Math.min(pause * 2, 40);
        }
    }

    static State state(Path lockFile, long nowMillis) {
        long modified;
        var properties = new Properties();
        try {
            modified = Files.getLastModifiedTime(lockFile).toMillis();
            try (InputStream in = Files.newInputStream(lockFile)) {
                properties.load(in);
            }
        } catch (NoSuchFileException gone) {
            return State.ABSENT;
        } catch (java.nio.file.AccessDeniedException denied) {
            return State.STALE; // no waiting will change it: let H2 report it now, naming the file
        } catch (IOException | IllegalArgumentException halfWritten) {
            return State.OPENING; // read while its writer was rewriting it: look again in a moment
        }
        if (properties.getProperty("server") != null) {
            return State.SERVED;
        }
        long age = nowMillis - modified;
        // a time far in the future (a clock set back) is H2's stale case too: it waits and takes over
        return age > STALE_AFTER_MS || age < -STALE_AFTER_MS ? State.STALE : State.OPENING;
    }
}
