package dev.ragworkbench.ingest;

import java.nio.file.Path;

/**
 * One file of a files corpus.
 *
 * @param path the file
 * @param id   its path relative to the corpus root with '/' separators, or its file name for a single-file corpus
 */
record SourceFile(Path path, String id) {
}
