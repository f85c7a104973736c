package dev.ragworkbench.embedding.adapter;

import dev.ragworkbench.embedding.Embedder;
import dev.ragworkbench.evaluation.EvalSet;
import dev.ragworkbench.evaluation.Evaluator;
import dev.ragworkbench.evaluation.Metric;
import dev.ragworkbench.evaluation.MetricKind;
import dev.ragworkbench.evaluation.Rankings;
import dev.ragworkbench.progress.Cancellation;
import dev.ragworkbench.retrieval.DocumentRanking;
import dev.ragworkbench.retrieval.Hit;
import dev.ragworkbench.retrieval.Retriever;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Turns an eval set and an index into what {@link AdapterTrainer} needs: (query, relevant chunk) pairs from the
 * training queries, and a validation score, nDCG@10 of the held-out queries searched exactly over the index's
 * vectors. Query vectors come from the base embedder once; each candidate adapter only transforms them.
 */
public final class AdapterData {

    public static final Metric NDCG10 = Metric.of(MetricKind.NDCG, 10);
    private static final int HARD_NEGATIVE_DEPTH = 30;

    private final ChunkVectors chunks;
    private final Embedder embedder;

    public AdapterData(ChunkVectors chunks, Embedder embedder) {
        if (chunks.dimension() != embedder.dimension()) {
            throw new IllegalArgumentException("the index holds " + chunks.dimension() + "-dimensional vectors but "
                    + embedder.name() + " makes " + embedder.dimension() + "-dimensional ones");
        }
        this.chunks = chunks;
        this.embedder = embedder;
    }

    /** The base embedder's vector of every query of {@code set}, in its order. */
    public Map<String, float[]> queryVectors(EvalSet set, Cancellation cancel) {
        var out = new LinkedHashMap<String, float[]>();
        for (var q : set.queries().entrySet()) {
            cancel.check();
            out.put(q.getKey(), embedder.embedQuery(q.getValue()));
        }
        return out;
    }

    /**
     * One pair per (query, relevant document the index holds): the document's chunk closest to the query is its
     * positive. With {@code bm25} given, each pair also gets the best-ranked chunk, in BM25's top 30, of a
     * document not judged relevant.
     */
    public List<TrainingPair> pairs(EvalSet train, Map<String, float[]> queryVectors, Retriever bm25,
                                    Cancellation cancel) {
        var pairs = new ArrayList<TrainingPair>();
        for (var q : train.queries().entrySet()) {
            cancel.check();
            String id = q.getKey();
            float[] query = queryVectors.get(id);
            var judgments = train.qrels().judgments(id);
            float[] hard = bm25 == null ? null : hardNegative(bm25, q.getValue(), judgments.keySet());
            for (var j : judgments.entrySet()) {
                if (j.getValue() < Metric.RELEVANCE_LEVEL) {
                    continue;
                }
                int best = -1;
                double bestScore = Double.NEGATIVE_INFINITY;
                for (int chunk : chunks.chunksOf(j.getKey())) {
                    double s = Vectors.dot(query, chunks.vector(chunk));
                    if (s > bestScore) {
                        bestScore = s;
                        best = chunk;
                    }
                }
                if (best >= 0) {
                    pairs.add(new TrainingPair(id, query, j.getKey(), chunks.vector(best), hard));
                }
            }
        }
        return pairs;
    }

    private float[] hardNegative(Retriever bm25, String query, java.util.Set<String> judged) {
        for (Hit h : DocumentRanking.topDocuments(bm25, query, HARD_NEGATIVE_DEPTH, chunks.size())) {
            if (!judged.contains(h.documentId())) {
                List<Integer> of = chunks.chunksOf(h.documentId());
                if (!of.isEmpty()) {
                    return chunks.vector(of.getFirst());
                }
            }
        }
        return null;
    }

    /** nDCG@10 of {@code set}'s queries searched exactly with the adapter applied to their base vectors. */
    public ToDoubleFunction<LinearAdapter> validation(EvalSet set, Map<String, float[]> queryVectors) {
        return adapter -> ndcg10(set, queryVectors, adapter);
    }

    public double ndcg10(EvalSet set, Map<String, float[]> queryVectors, LinearAdapter adapter) {
        var run = Rankings.builder("validation");
        for (String id : set.queries().keySet()) {
            float[] v = adapter.apply(queryVectors.get(id));
            for (var doc : chunks.topDocuments(v, 10)) {
                run.add(id, doc.getKey(), doc.getValue());
            }
        }
        return Evaluator.evaluate(run.build(), set.qrels(), List.of(NDCG10)).aggregate().mean(NDCG10);
    }
}
