package dev.ragworkbench.embedding.adapter;

import dev.ragworkbench.index.ChunkIndex;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.LeafReaderContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every chunk vector of an index, in memory, with its document: what training draws positives from and what
 * validation searches exactly (no HNSW approximation, so a change of score is the adapter's alone). SciFact's
 * 5,183 vectors of 384 floats take 8 MB.
 */
public final class ChunkVectors {

    /** The index's vector field (as {@code DenseRetriever} names it). */
    static final String FIELD = "vector";

    private final List<String> documents;
    private final List<float[]> vectors;
    private final Map<String, List<Integer>> chunksByDocument;

    private ChunkVectors(List<String> documents, List<float[]> vectors) {
        this.documents = List.copyOf(documents);
        this.vectors = List.copyOf(vectors);
        var byDoc = new HashMap<String, List<Integer>>();
        for (int i = 0; i < documents.size(); i++) {
            byDoc.computeIfAbsent(documents.get(i), k -> new ArrayList<>()).add(i);
        }
        this.chunksByDocument = byDoc;
    }

    public static ChunkVectors of(ChunkIndex index) {
        var docs = new ArrayList<String>();
        var vecs = new ArrayList<float[]>();
        var ids = index.chunkIds();
        try {
            for (LeafReaderContext leaf : index.reader().leaves()) {
                FloatVectorValues values = leaf.reader().getFloatVectorValues(FIELD);
                if (values == null) {
                    continue;
                }
                var it = values.iterator();
                for (int doc = it.nextDoc(); doc != it.NO_MORE_DOCS; doc = it.nextDoc()) {
                    docs.add(ids.documentId(leaf.docBase + doc));
                    vecs.add(values.vectorValue(it.index()).clone());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (vecs.isEmpty()) {
            throw new IllegalArgumentException("index '" + index.settings().name() + "' holds no vectors: an adapter "
                    + "needs an index built with an embedder");
        }
        return new ChunkVectors(docs, vecs);
    }

    public int size() {
        return vectors.size();
    }

    public int dimension() {
        return vectors.getFirst().length;
    }

    String document(int chunk) {
        return documents.get(chunk);
    }

    float[] vector(int chunk) {
        return vectors.get(chunk);
    }

    /** The chunks of {@code documentId}, empty when the index does not hold it. */
    List<Integer> chunksOf(String documentId) {
        return chunksByDocument.getOrDefault(documentId, List.of());
    }

    /**
     * The {@code n} documents closest to {@code query} by their best chunk, exactly, best first; ties broken by
     * chunk order so the ranking is reproducible.
     */
    List<Map.Entry<String, Double>> topDocuments(float[] query, int n) {
        var best = new HashMap<String, Double>();
        for (int i = 0; i < vectors.size(); i++) {
            double s = Vectors.dot(query, vectors.get(i));
            best.merge(documents.get(i), s, Math::max);
        }
        return best.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(n)
                .toList();
    }
}
