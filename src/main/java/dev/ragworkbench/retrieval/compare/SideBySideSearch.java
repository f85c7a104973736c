package dev.ragworkbench.retrieval.compare;

import dev.ragworkbench.index.ChunkIndex;
import dev.ragworkbench.index.StoredChunk;
import dev.ragworkbench.ingest.Document;
import dev.ragworkbench.progress.Cancellation;
import dev.ragworkbench.retrieval.Bm25Explanation;
import dev.ragworkbench.retrieval.DocumentRanking;
import dev.ragworkbench.retrieval.Hit;
import dev.ragworkbench.retrieval.QueryTerms;
import dev.ragworkbench.retrieval.Retriever;
import dev.ragworkbench.retrieval.SearchReport;
import dev.ragworkbench.retrieval.SearchRequest;
import dev.ragworkbench.retrieval.SearchResult;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * One query through two to four columns, side by side: the core of the Retrieval pane and of {@code search} with
 * several {@code --retriever}s. Keeps the indexes it opened and the retrievers it made, so a query typed after
 * another costs only the searches; thread-safe, so the pane may search while an eval set runs.
 * {@link #invalidate()} after an index is rebuilt or deleted.
 */
public final class SideBySideSearch implements AutoCloseable {

    public static final int MAX_COLUMNS = 4;

    private final ColumnSources sources;
    private final Map<String, ChunkIndex> indexes = new HashMap<>();
    private final Map<String, Retriever> retrievers = new HashMap<>();
    private final List<ChunkIndex> retired = new ArrayList<>();

    public SideBySideSearch(ColumnSources sources) {
        this.sources = sources;
    }

    /** A column's open index and retriever. */
    record Open(ChunkIndex index, Retriever retriever) {
        String name() {
            return index.settings().name();
        }
    }

    synchronized Open open(Column column) {
        String key = column.index() == null ? "" : column.index();
        ChunkIndex index = indexes.get(key);
        if (index == null) {
            index = sources.openIndex(column.index());
            indexes.put(key, index);
        }
        String rkey = index.settings().name() + "\u0000" + column.retriever() + "\u0000" + column.adapter();
        Retriever retriever = retrievers.get(rkey);
        if (retriever == null) {
            retriever = sources.retriever(index, column.retriever(), column.adapter());
            retrievers.put(rkey, retriever);
        }
        return new Open(index, retriever);
    }

    ColumnSources sources() {
        return sources;
    }

    /**
     * {@code query} through each column: its top N documents by best chunk (as every metric ranks them), with
     * snippets, the query's terms highlighted, and each hit's rank in the first column. Cancelling stops between
     * columns.
     */
    public QueryComparison search(String query, List<Column> columns, Cancellation cancel) {
        checkColumns(columns);
        var results = new ArrayList<ColumnResult>(columns.size());
        Map<String, Integer> firstRanks = null;
        for (Column column : columns) {
            cancel.check();
            Open open = open(column);
            SearchResult found = DocumentRanking.topDocuments(open.retriever(), SearchRequest.of(query, column.top()),
                    open.index().info().chunks());
            List<String> terms = QueryTerms.terms(open.index(), query);
            if (firstRanks == null) {
                firstRanks = new HashMap<>();
                for (Hit h : found.hits()) {
                    firstRanks.put(h.documentId(), h.rank());
                }
            }
            var hits = new ArrayList<ColumnHit>(found.hits().size());
            for (Hit h : found.hits()) {
                StoredChunk chunk = open.index().chunk(h.luceneDoc());
                String snippet = SearchReport.snippet(chunk.text(), SearchReport.SNIPPET_CHARS);
                hits.add(new ColumnHit(h.rank(), h.luceneDoc(), h.documentId(), h.ordinal(), h.score(), chunk.title(),
                        snippet, QueryTerms.highlights(open.index(), snippet, terms), firstRanks.get(h.documentId())));
            }
            results.add(new ColumnResult(column, open.name(), hits, found.timings(), terms, query));
        }
        return new QueryComparison(query, results);
    }

    /** The whole of one hit's chunk in its document, its BM25 explanation and its cosine to the query. */
    public ChunkDetails details(Column column, String query, int luceneDoc) {
        Open open = open(column);
        ChunkIndex index = open.index();
        StoredChunk chunk = index.chunk(luceneDoc);
        String documentText = sources.documents().document(index.settings().corpus(), chunk.documentId())
                .map(Document::text).orElse(null);
        double[] bm25 = column.bm25Params();
        OptionalDouble cosine = OptionalDouble.empty();
        if (index.settings().hasVectors()) {
            float[] q = sources.embedder(index.settings().embedder()).embedQuery(query);
            cosine = Bm25Explanation.cosine(index, q, luceneDoc);
        }
        List<String> terms = QueryTerms.terms(index, query);
        return new ChunkDetails(open.name(), chunk, documentText, QueryTerms.highlights(index, chunk.text(), terms),
                Bm25Explanation.of(index, query, bm25[0], bm25[1], luceneDoc), cosine);
    }

    /**
     * The stored chunks behind {@code result}'s first {@code top} hits, best first: each hit's best chunk, whole
     * (a hit carries only a snippet), read from the index the column searched. What a model answers the column's
     * query from.
     */
    public List<StoredChunk> chunks(ColumnResult result, int top) {
        if (top < 1) {
            throw new IllegalArgumentException("top must be at least 1, not " + top);
        }
        Open open = open(result.column()); // the search's own key, so the index already open is reused
        if (!open.name().equals(result.index())) {
            throw new IllegalStateException("index " + result.index() + " is no longer the column's (now "
                    + open.name() + "); search again");
        }
        ChunkIndex index = open.index();
        return result.hits().stream().limit(top).map(h -> index.chunk(h.luceneDoc())).toList();
    }

    /**
     * Forgets the open indexes and retrievers (an index was rebuilt or deleted); the old ones close with this
     * object, since a search may still be reading them.
     */
    public synchronized void invalidate() {
        retired.addAll(indexes.values());
        indexes.clear();
        retrievers.clear();
    }

    @Override
    public synchronized void close() {
        invalidate();
        retired.forEach(ChunkIndex::close);
        retired.clear();
    }

    static void checkColumns(List<Column> columns) {
        if (columns.isEmpty() || columns.size() > MAX_COLUMNS) {
            throw new IllegalArgumentException("a comparison has 1 to " + MAX_COLUMNS + " columns, not "
                    + columns.size());
        }
    }
}
