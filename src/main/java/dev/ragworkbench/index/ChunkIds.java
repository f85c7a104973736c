package dev.ragworkbench.index;

import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.DocIdSetIterator;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Which document and ordinal each Lucene doc (chunk) belongs to. Retrieval turns thousands of chunk hits into
 * document rankings per query; reading these from arrays instead of stored fields keeps that cheap.
 */
public final class ChunkIds {

    private final String[] documentIds;
    private final int[] ordinals;

    private ChunkIds(String[] documentIds, int[] ordinals) {
        this.documentIds = documentIds;
        this.ordinals = ordinals;
    }

    static ChunkIds load(DirectoryReader reader) {
        var documentIds = new String[reader.maxDoc()];
        var ordinals = new int[reader.maxDoc()];
        try {
            for (LeafReaderContext leaf : reader.leaves()) {
                var docIds = DocValues.getSorted(leaf.reader(), ChunkFields.DOC_ID);
                var ords = DocValues.getNumeric(leaf.reader(), ChunkFields.ORDINAL);
                // Many chunks share a document: intern per term ordinal so each id string exists once.
                var byTermOrd = new String[docIds.getValueCount()];
                for (int doc = docIds.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docIds.nextDoc()) {
                    int termOrd = docIds.ordValue();
                    if (byTermOrd[termOrd] == null) {
                        byTermOrd[termOrd] = docIds.lookupOrd(termOrd).utf8ToString();
                    }
                    documentIds[leaf.docBase + doc] = byTermOrd[termOrd];
                }
                for (int doc = ords.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = ords.nextDoc()) {
                    ordinals[leaf.docBase + doc] = (int) ords.longValue();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ChunkIds(documentIds, ordinals);
    }

    public String documentId(int luceneDoc) {
        return documentIds[luceneDoc];
    }

    public int ordinal(int luceneDoc) {
        return ordinals[luceneDoc];
    }
}
