package dev.ragworkbench.index;

import dev.ragworkbench.progress.Cancellation;
import dev.ragworkbench.progress.ProgressListener;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One writer per index at a time, across threads and processes: the window's "Apply to corpus" while an
 * {@code index} command runs on the same workspace, or two commands. Whoever comes second waits its turn (saying
 * so through its progress, and cancellable), then finds the index as the first left it, so an update or a
 * "current" check starts from the finished state instead of racing the other's temp-then-move.
 *
 * <p>An OS file lock ({@code indexes/.NAME.lock}) orders processes; it is held once per process, so an in-process
 * reentrant lock orders the threads of one process and lets a build nest inside a refresh.
 */
public final class IndexLock implements AutoCloseable {

    private static final ConcurrentHashMap<Path, Holder> HOLDERS = new ConcurrentHashMap<>();
    private static final long POLL_MILLIS = 200;

    private final Holder holder;

    private IndexLock(Holder holder) {
        this.holder = holder;
    }

    /**
     * Waits until this thread may write index {@code name} under {@code indexesDir}.
     *
     * @throws dev.ragworkbench.progress.CancelledException when cancelled while waiting
     */
    public static IndexLock acquire(Path indexesDir, String name, ProgressListener progress, Cancellation cancel) {
        Path file = indexesDir.toAbsolutePath().normalize().resolve("." + name + ".lock");
        Holder holder = HOLDERS.computeIfAbsent(file, Holder::new);
        boolean said = false;
        try {
            while (!holder.threads.tryLock(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                cancel.check();
                if (!said) {
                    progress.note("waiting for another task writing index " + name + " to finish");
                    said = true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancel.check();
            throw new IllegalStateException("interrupted while waiting for index " + name, e);
        }
        try {
            if (holder.threads.getHoldCount() == 1) {
                holder.lockFile(name, progress, cancel, said);
            }
            return new IndexLock(holder);
        } catch (RuntimeException e) {
            holder.threads.unlock();
            throw e;
        }
    }

    @Override
    public void close() {
        if (holder.threads.getHoldCount() == 1) {
            holder.releaseFile();
        }
        holder.threads.unlock();
    }

    private static final class Holder {
        private final Path file;
        private final ReentrantLock threads = new ReentrantLock();
        private FileChannel channel;
        private FileLock lock;

        Holder(Path file) {
            this.file = file;
        }

        void lockFile(String name, ProgressListener progress, Cancellation cancel, boolean said) {
            try {
                Files.createDirectories(file.getParent());
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                while ((lock = tryLock()) == null) {
                    cancel.check();
                    if (!said) {
                        progress.note("waiting for another process writing index " + name + " to finish");
                        said = true;
                    }
                    Thread.sleep(POLL_MILLIS);
                }
            } catch (IOException e) {
                releaseFile();
                throw new UncheckedIOException("cannot lock index " + name + " for writing (" + file + "): "
                        + e.getMessage(), e);
            } catch (InterruptedException e) {
                releaseFile();
                Thread.currentThread().interrupt();
                cancel.check();
                throw new IllegalStateException("interrupted while waiting for index " + name, e);
            } catch (RuntimeException e) {
                releaseFile();
                throw e;
            }
        }

        private FileLock tryLock() throws IOException {
            try {
                return channel.tryLock();
            } catch (OverlappingFileLockException e) {
                return null; // cannot happen while the thread lock is held, but waiting is the safe reading
            }
        }

        void releaseFile() {
            try {
                if (lock != null) {
                    lock.release();
                }
                if (channel != null) {
                    channel.close();
                }
            } catch (IOException ignored) {
                // the OS drops the lock with the channel, and at exit
            } finally {
                lock = null;
                channel = null;
            }
        }
    }
}
