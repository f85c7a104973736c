package dev.ragworkbench.experiment.store;

import dev.ragworkbench.workspace.Jdbc;
import dev.ragworkbench.workspace.Jdbc.Retry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;

/**
 * A run's files, under {@code artifacts/<run id>/}, apart from the tracking tables (as MLflow keeps its artifact
 * repository apart from its tracking store); each file has a {@code run_artifact} row saying what it is.
 */
public final class ArtifactRepository {

    /** How a file becomes an artifact. */
    public enum Transfer {
        /** Copy it; the original stays where it is. */
        COPY,
        /** Move it (the cheap choice for a file written only to be kept). */
        MOVE
    }

    private final Jdbc jdbc;

    ArtifactRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Copies or moves {@code file} into {@code artifacts/<runId>/<name>} (replacing an artifact of that name) and
     * records it. The file is in place before its row is committed, so a recorded artifact always exists; a crash
     * in between leaves at most an unrecorded file.
     *
     * @param name a plain file name: no folders, so every artifact stays inside its run's folder
     * @param kind what it is, e.g. {@code trec-run}, {@code per-query-json}
     */
    public RunArtifact add(String runId, String name, Path file, String kind, Transfer transfer) {
        checkName(name);
        StoreChecks.requireText(kind, "artifact kind");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("artifact " + file + " is not a file");
        }
        if (jdbc.query("SELECT 1 FROM run WHERE id = ?", ps -> ps.setString(1, runId), rs -> true).isEmpty()) {
            throw new NoSuchRunException(runId); // before touching the file system
        }
        Path dir = dir(runId);
        Path target = dir.resolve(name);
        long size;
        try {
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, "." + name + ".", ".part");
            try {
                if (transfer == Transfer.MOVE) {
                    Files.move(file, temp, StandardCopyOption.REPLACE_EXISTING);
                } else {
                    Files.copy(file, temp, StandardCopyOption.REPLACE_EXISTING);
                }
                // Readers see the old file or the new one, never a partial copy.
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
            size = Files.size(target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store artifact " + name + " of run " + runId + ": " + e.getMessage(), e);
        }
        String relative = jdbc.workspace().root().relativize(target).toString().replace('\\', '/');
        Instant now = Jdbc.now();
        jdbc.inTransaction("recording artifact " + name + " of run " + runId, Retry.ONCE, c -> {
            StoreChecks.touch(c, runId);
            try (var ps = c.prepareStatement("""
                    MERGE INTO run_artifact (run_id, name, path, kind, size_bytes, created_at) KEY (run_id, name)
                    VALUES (?, ?, ?, ?, ?, ?)""")) {
                ps.setString(1, runId);
                ps.setString(2, name);
                ps.setString(3, relative);
                ps.setString(4, kind);
                ps.setLong(5, size);
                ps.setObject(6, Jdbc.timestamp(now));
                ps.executeUpdate();
            }
            return null;
        });
        return new RunArtifact(name, relative, kind, size, now);
    }

    /** The folder holding a run's artifacts (it may not exist yet). */
    public Path dir(String runId) {
        if (!RunIds.FORMAT.matcher(runId).matches()) {
            // ids come from us; anything else must not name a folder outside artifacts/
            throw new NoSuchRunException(runId);
        }
        return jdbc.workspace().artifactsDir().resolve(runId);
    }

    /** Where an artifact's file is. */
    public Path file(RunArtifact artifact) {
        return artifact.file(jdbc.workspace().root());
    }

    /** Deletes a deleted run's folder (its rows went with the run). */
    void deleteAll(String runId) {
        Path dir = dir(runId);
        if (!Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    if (e != null) {
                        throw e;
                    }
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException ignored) {
            // deleted meanwhile: what we wanted
        } catch (IOException e) {
            throw new UncheckedIOException("run deleted, but not its artifacts folder " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void checkName(String name) {
        StoreChecks.requireText(name, "artifact name");
        if (name.contains("/") || name.contains("\\") || name.equals(".") || name.equals("..")
                || name.startsWith(".") || name.indexOf('\0') >= 0 || name.contains(":")) {
            throw new IllegalArgumentException("artifact name '" + name
                    + "' must be a plain file name (no folders, not starting with '.')");
        }
    }
}
