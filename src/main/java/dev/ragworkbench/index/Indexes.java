package dev.ragworkbench.index;

import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.FSDirectory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The indexes of a workspace: list, describe, find the latest, delete. */
public final class Indexes {

    private final Path indexesDir;

    public Indexes(Path indexesDir) {
        this.indexesDir = indexesDir;
    }

    /** Every complete index, newest first. Folders that are not indexes (or are being built) are skipped. */
    public List<IndexInfo> list() {
        if (!Files.isDirectory(indexesDir)) {
            return List.of();
        }
        var result = new ArrayList<IndexInfo>();
        try (var dirs = Files.list(indexesDir)) {
            for (Path dir : dirs.filter(Files::isDirectory).filter(d -> !d.getFileName().toString().startsWith("."))
                    .toList()) {
                try {
                    result.add(info(dir));
                } catch (IndexException | UncheckedIOException e) {
                    // not an index (or a damaged one): listing must still work
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        result.sort(Comparator.comparing(IndexInfo::builtAt).reversed());
        return result;
    }

    public Optional<IndexInfo> latest() {
        return list().stream().findFirst();
    }

    public Path path(String name) {
        return indexesDir.resolve(name);
    }

    public boolean exists(String name) {
        return Files.isDirectory(path(name)) && !name.startsWith(".");
    }

    /** The index called {@code name}, or the most recently built one when {@code name} is null. */
    public IndexInfo resolve(String name) {
        if (name == null) {
            return latest().orElseThrow(() -> new IndexException(
                    "the workspace has no index yet; build one with 'index --corpus PATH'"));
        }
        if (!exists(name)) {
            var known = list().stream().map(IndexInfo::name).toList();
            throw new IndexException("no index named '" + name + "'"
                    + (known.isEmpty() ? "; the workspace has none" : "; known: " + String.join(", ", known)));
        }
        return info(path(name));
    }

    public void delete(String name) {
        if (!exists(name)) {
            throw new IndexException("no index named '" + name + "'");
        }
        try {
            IndexBuilder.deleteRecursively(path(name));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete index " + name + ": " + e.getMessage(), e);
        }
    }

    static IndexInfo info(Path dir) {
        try (var directory = FSDirectory.open(dir)) {
            if (!DirectoryReader.indexExists(directory)) {
                throw new IndexException(dir + " holds no index");
            }
            var userData = SegmentInfos.readLatestCommit(directory).getUserData();
            var settings = IndexSettings.fromUserData(userData);
            int chunks;
            try (var reader = DirectoryReader.open(directory)) {
                chunks = reader.numDocs();
            }
            long size = 0;
            for (String file : directory.listAll()) {
                size += directory.fileLength(file);
            }
            return new IndexInfo(settings, dir, Instant.parse(userData.getOrDefault(ChunkFields.BUILT_AT,
                    Instant.EPOCH.toString())), Integer.parseInt(userData.getOrDefault(ChunkFields.DOCUMENTS, "0")),
                    chunks, size);
        } catch (IOException e) {
            throw new IndexException("cannot read index " + dir.getFileName() + ": " + e.getMessage(), e);
        }
    }
}
