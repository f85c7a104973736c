package dev.ragworkbench.retrieval;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.ragworkbench.index.ChunkIndex;
import dev.ragworkbench.index.StoredChunk;

import java.util.ArrayList;
import java.util.List;

/**
 * One search as people read it: the query, each hit with its document's title and a snippet of the chunk, and
 * where the time went. The JSON of {@code search --json} is this record as Jackson writes it.
 *
 * @param latencyMs milliseconds per stage that ran, and {@code total}
 */
@JsonPropertyOrder({"query", "hits", "latencyMs"})
public record SearchReport(String query, List<Entry> hits, SearchTimings latencyMs) {

    /** Characters of chunk text a JSON hit carries. */
    public static final int SNIPPET_CHARS = 300;

    public SearchReport {
        hits = List.copyOf(hits);
    }

    @JsonPropertyOrder({"rank", "docId", "chunk", "score", "title", "snippet"})
    public record Entry(int rank, String docId, int chunk, double score, String title, String snippet) {
    }

    /** The hits of {@code result} with their stored title and text read from {@code index}. */
    public static SearchReport of(ChunkIndex index, String query, SearchResult result) {
        var entries = new ArrayList<Entry>(result.hits().size());
        for (Hit h : result.hits()) {
            StoredChunk chunk = index.chunk(h.luceneDoc());
            entries.add(new Entry(h.rank(), h.documentId(), h.ordinal(), h.score(), chunk.title(),
                    snippet(chunk.text(), SNIPPET_CHARS)));
        }
        return new SearchReport(query, entries, result.timings());
    }

    /** Whitespace collapsed, cut at {@code max} characters with an ellipsis. */
    public static String snippet(String text, int max) {
        String s = text == null ? "" : text.strip().replaceAll("\\s+", " ");
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
