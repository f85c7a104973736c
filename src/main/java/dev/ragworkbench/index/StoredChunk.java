package dev.ragworkbench.index;

/** A chunk as stored in an index: enough to show a hit without opening the document store. */
public record StoredChunk(String chunkId, String documentId, int ordinal, int start, int end, int tokenCount,
                          String title, String text) {
}
