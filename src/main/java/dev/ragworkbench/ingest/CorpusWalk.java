package dev.ragworkbench.ingest;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;

/**
 * Lists the files of a corpus path: the file itself, or every non-hidden file below a folder, sorted by id so that
 * ids, progress and "which of two equal files is the duplicate" do not depend on the file system's listing order.
 */
final class CorpusWalk {

    /** The files found, and the paths that could not be listed. */
    record Listing(List<SourceFile> files, List<ImportFailure> failures) {
    }

    private CorpusWalk() {
    }

    static Listing list(Path corpusPath) throws IOException {
        Path root = corpusPath.toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            return new Listing(List.of(new SourceFile(root, root.getFileName().toString())), List.of());
        }
        var files = new ArrayList<SourceFile>();
        var failures = new ArrayList<ImportFailure>();
        // Following links lets users link document folders in; the walker detects cycles for us.
        Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return !dir.equals(root) && hidden(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (!hidden(file) && !attrs.isDirectory()) {
                    files.add(new SourceFile(file, id(root, file)));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                if (hidden(file)) {
                    return FileVisitResult.CONTINUE;
                }
                if (e instanceof FileSystemLoopException) {
                    failures.add(new ImportFailure(id(root, file), "link loop: folder links back to itself"));
                } else if (Files.isSymbolicLink(file) && !Files.exists(file)) {
                    // A dangling link is still a file the user sees; reading it reports the reason.
                    files.add(new SourceFile(file, id(root, file)));
                } else {
                    failures.add(new ImportFailure(id(root, file), "unreadable: " + Importer.describe(e)));
                }
                return FileVisitResult.CONTINUE;
            }
        });
        files.sort(Comparator.comparing(SourceFile::id));
        return new Listing(List.copyOf(files), List.copyOf(failures));
    }

    private static boolean hidden(Path path) {
        if (path.getFileName().toString().startsWith(".")) {
            return true;
        }
        try {
            return Files.isHidden(path); // the hidden attribute on Windows
        } catch (IOException e) {
            return false;
        }
    }

    private static String id(Path root, Path file) {
        return root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
    }
}
