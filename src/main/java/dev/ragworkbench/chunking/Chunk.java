package dev.ragworkbench.chunking;

import java.util.Map;

/**
 * A span of a document. {@code document.text().substring(start, end).equals(text)} always holds.
 *
 * @param documentId the owning document's id
 * @param ordinal    0-based position among the document's chunks
 * @param start      start character offset (inclusive) in the document text
 * @param end        end character offset (exclusive)
 * @param text       the chunk's text
 * @param tokenCount tokens of the embedder's tokenizer, special tokens not counted
 * @param metadata   extra facts, e.g. {@code headers} for the Markdown chunker
 */
public record Chunk(String documentId, int ordinal, int start, int end, String text, int tokenCount,
                    Map<String, String> metadata) {

    public Chunk {
        metadata = Map.copyOf(metadata);
    }

    /** The id of this chunk in an index: {@code documentId#ordinal}. */
    public String id() {
        return documentId + "#" + ordinal;
    }
}
