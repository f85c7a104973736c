package dev.ragworkbench.workspace;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class LockFileWaitTest {

    @TempDir
    Path dir;

    @Test
    void anOpenWorkspaceNamesItsServerInH2sLockFile() {
        // The state a newcomer meets most: H2 itself wrote this file, so this checks the file name and the
        // property read against the H2 version in use, not against a copy of its format.
        try (var ws = Workspace.open(dir.resolve("ws"))) {
            Path lock = LockFileWait.lockFile(ws.root().resolve(Workspace.DATABASE_NAME));
            assertThat(lock).exists();
            assertThat(LockFileWait.state(lock, System.currentTimeMillis())).isEqualTo(LockFileWait.State.SERVED);
        }
        Path lock = LockFileWait.lockFile(dir.resolve("ws").resolve(Workspace.DATABASE_NAME));
        assertThat(LockFileWait.state(lock, System.currentTimeMillis())).isEqualTo(LockFileWait.State.ABSENT);
    }

    @Test
    void aLockFileWithoutServerIsBeingTakenUntilItIsOld() throws Exception {
        Path lock = dir.resolve("workbench.lock.db");
        // what H2 writes between taking the lock and starting its server, or a newcomer's overwrite
        Files.writeString(lock, "#FileLock\nid=18c0ffee\nmethod=file\n");
        long now = System.currentTimeMillis();
        assertThat(LockFileWait.state(lock, now)).isEqualTo(LockFileWait.State.OPENING);
        assertThat(LockFileWait.state(lock, now + LockFileWait.STALE_AFTER_MS + 1000))
                .isEqualTo(LockFileWait.State.STALE);
        Files.setLastModifiedTime(lock, FileTime.fromMillis(now + 60_000));
        assertThat(LockFileWait.state(lock, now)).as("modified in the future").isEqualTo(LockFileWait.State.STALE);
        Files.writeString(lock, "");
        assertThat(LockFileWait.state(lock, System.currentTimeMillis())).as("caught while rewritten")
                .isEqualTo(LockFileWait.State.OPENING);
    }

    @Test
    void waitingEndsWhenTheServerIsNamedAndAtTheDeadlineOtherwise() throws Exception {
        Path lock = dir.resolve("workbench.lock.db");
        Files.writeString(lock, "id=1\nmethod=file\n");
        var named = CompletableFuture.runAsync(() -> {
            try {
                Thread.sleep(300);
                Files.writeString(lock, "id=1\nmethod=file\nserver=127.0.0.1\\:40000\n");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        long start = System.nanoTime();
        LockFileWait.await(lock, start + TimeUnit.SECONDS.toNanos(10));
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        named.get(5, TimeUnit.SECONDS);
        assertThat(waited).isBetween(250L, 5_000L);
        assertThat(LockFileWait.state(lock, System.currentTimeMillis())).isEqualTo(LockFileWait.State.SERVED);

        Files.writeString(lock, "id=2\nmethod=file\n");
        start = System.nanoTime();
        LockFileWait.await(lock, start + TimeUnit.MILLISECONDS.toNanos(400));
        waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(waited).as("gives up at the deadline, leaving H2 to report").isBetween(350L, 2_000L);
    }
}
