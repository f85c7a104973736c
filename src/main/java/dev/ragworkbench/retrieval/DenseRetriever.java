package dev.ragworkbench.retrieval;

import dev.ragworkbench.embedding.Embedder;
import dev.ragworkbench.index.ChunkIndex;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.util.VectorUtil;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Nearest chunks by embedding: HNSW by default, or an exact scan of every vector ({@code exact=true}) to
 * measure what the approximate graph loses. Scores are Lucene's dot-product scores, (1 + cos) / 2, either way.
 */
final class DenseRetriever implements Retriever {

    static final String FIELD = "vector";

    private final ChunkIndex index;
    private final Embedder embedder;
    private final RetrieverSpec spec;
    private final boolean exact;

    DenseRetriever(ChunkIndex index, Embedder embedder, RetrieverSpec spec) {
        index.requireEmbedder(embedder.name());
        this.index = index;
        this.embedder = embedder;
        this.spec = spec;
        this.exact = spec.flag("exact");
    }

    @Override
    public RetrieverSpec spec() {
        return spec;
    }

    /** {@code embed} (unless the request brings its own query embedding), then {@code search}. */
    @Override
    public SearchResult search(SearchRequest request) {
        var clock = new SearchTimings.Clock();
        float[] vector = request.queryEmbedding();
        if (vector == null) {
            vector = clock.time(SearchStage.EMBED, () -> embedder.embedQuery(request.query()));
        } else if (vector.length != embedder.dimension()) {
            throw new IllegalArgumentException("the query embedding has " + vector.length + " dimensions but index '"
                    + index.settings().name() + "' holds " + embedder.dimension() + "-dimensional vectors of "
                    + embedder.name());
        }
        float[] query = vector;
        List<Hit> hits = clock.time(SearchStage.SEARCH, () -> hits(query, request.n()));
        return new SearchResult(hits, clock.stop());
    }

    private List<Hit> hits(float[] vector, int n) {
        try {
            ScoreDoc[] docs = exact ? exactTop(vector, n)
                    : index.newSearcher().search(new KnnFloatVectorQuery(FIELD, vector, n), n).scoreDocs;
            return Hit.of(docs, index.chunkIds());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ScoreDoc[] exactTop(float[] query, int n) throws IOException {
        var heap = new PriorityQueue<ScoreDoc>((a, b) -> a.score != b.score ? Float.compare(a.score, b.score)
                : Integer.compare(b.doc, a.doc));
        for (LeafReaderContext leaf : index.reader().leaves()) {
            FloatVectorValues values = leaf.reader().getFloatVectorValues(FIELD);
            if (values == null) {
                continue;
            }
            var it = values.iterator();
            for (int doc = it.nextDoc(); doc != it.NO_MORE_DOCS; doc = it.nextDoc()) {
                // The same score Lucene's HNSW search gives for DOT_PRODUCT, so exact and approximate compare.
                float score = (1 + VectorUtil.dotProduct(query, values.vectorValue(it.index()))) / 2;
                var candidate = new ScoreDoc(leaf.docBase + doc, score);
                if (heap.size() < n) {
                    heap.add(candidate);
                } else if (heap.comparator().compare(candidate, heap.peek()) > 0) {
                    heap.poll();
                    heap.add(candidate);
                }
            }
        }
        var top = new ScoreDoc[heap.size()];
        for (int i = top.length - 1; i >= 0; i--) {
            top[i] = heap.poll();
        }
        return top;
    }
}
