package dev.ragworkbench.index;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.FSDirectory;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * An open index, ready to search. Thread-safe for searching; close it when done.
 */
public final class ChunkIndex implements AutoCloseable {

    private final IndexInfo info;
    private final FSDirectory directory;
    private final DirectoryReader reader;
    private final Analyzer analyzer;
    private volatile ChunkIds chunkIds;

    private ChunkIndex(IndexInfo info, FSDirectory directory, DirectoryReader reader) {
        this.info = info;
        this.directory = directory;
        this.reader = reader;
        this.analyzer = TextAnalyzers.create(info.settings().analyzer());
    }

    public static ChunkIndex open(IndexInfo info) {
        try {
            var directory = FSDirectory.open(info.path());
            return new ChunkIndex(info, directory, DirectoryReader.open(directory));
        } catch (IOException e) {
            throw new IndexException("cannot open index " + info.name() + ": " + e.getMessage(), e);
        }
    }

    public IndexInfo info() {
        return info;
    }

    public IndexSettings settings() {
        return info.settings();
    }

    /** The analyser the index was built with: queries must be analysed the same way. */
    public Analyzer analyzer() {
        return analyzer;
    }

    public DirectoryReader reader() {
        return reader;
    }

    /** A new searcher; cheap, so each search may set its own similarity (BM25 k1 and b). */
    public IndexSearcher newSearcher() {
        var searcher = new IndexSearcher(reader);
        searcher.setQueryCache(null); // every query is new; caching only costs
        return searcher;
    }

    /**
     * Refuses to serve an embedder other than the one whose vectors the index holds: mixing two models'
     * vectors gives plausible-looking nonsense.
     */
    public void requireEmbedder(String embedder) {
        var settings = info.settings();
        if (!settings.hasVectors()) {
            throw new IndexException("index '" + settings.name() + "' was built without an embedder, so it has "
                    + "no vectors; rebuild it with --embedder, or use the bm25 retriever");
        }
        if (!settings.embedder().equals(embedder)) {
            throw new IndexException("index '" + settings.name() + "' was built with embedder '"
                    + settings.embedder() + "', not '" + embedder + "'; use that embedder or build another index");
        }
    }

    /** Document id and ordinal of every chunk, by Lucene doc id; loaded once, column-wise, on first use. */
    public ChunkIds chunkIds() {
        var ids = chunkIds;
        if (ids == null) {
            synchronized (this) {
                if (chunkIds == null) {
                    chunkIds = ChunkIds.load(reader);
                }
                ids = chunkIds;
            }
        }
        return ids;
    }

    /** Stored fields of the chunk with Lucene doc id {@code luceneDoc}. */
    public StoredChunk chunk(int luceneDoc) {
        try {
            StoredFields fields = reader.storedFields();
            var d = fields.document(luceneDoc);
            return new StoredChunk(d.get(ChunkFields.CHUNK_ID), d.get(ChunkFields.DOC_ID),
                    d.getField(ChunkFields.ORDINAL).numericValue().intValue(),
                    d.getField(ChunkFields.START).numericValue().intValue(),
                    d.getField(ChunkFields.END).numericValue().intValue(),
                    d.getField(ChunkFields.TOKENS).numericValue().intValue(),
                    d.get(ChunkFields.TITLE), d.get(ChunkFields.TEXT));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            reader.close();
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
