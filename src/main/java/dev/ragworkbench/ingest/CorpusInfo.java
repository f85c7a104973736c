package dev.ragworkbench.ingest;

import java.time.Instant;

/**
 * A stored corpus.
 *
 * @param name      unique name
 * @param source    the path it was last imported from
 * @param format    {@code beir} or {@code files}
 * @param documents number of stored documents
 * @param createdAt when it was first imported
 */
public record CorpusInfo(String name, String source, String format, int documents, Instant createdAt) {
}
