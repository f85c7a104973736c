package dev.ragworkbench.judging;

import dev.ragworkbench.evaluation.EvalSet;
import dev.ragworkbench.experiment.ExperimentResources;
import dev.ragworkbench.index.ChunkIndex;
import dev.ragworkbench.index.StoredChunk;
import dev.ragworkbench.progress.Cancellation;
import dev.ragworkbench.progress.ProgressListener;
import dev.ragworkbench.retrieval.DocumentRanking;
import dev.ragworkbench.retrieval.Hit;
import dev.ragworkbench.retrieval.Retriever;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A pool, as TREC builds its qrels: for each query, the union of the top k documents of every column, shuffled,
 * without the retriever's name or rank, so that grading is not biased towards what one retriever found. Documents
 * (not chunks) are pooled, since grades are per document; each shows the text of the chunk that ranked it.
 */
public record Pool(PoolDefinition definition, List<PoolQuery> queries) {

    public Pool {
        queries = List.copyOf(queries);
    }

    /** All items, query by query, in judging order. */
    public List<PoolItem> items() {
        return queries.stream().flatMap(q -> q.items().stream()).toList();
    }

    public int size() {
        return queries.stream().mapToInt(q -> q.items().size()).sum();
    }

    /**
     * Searches every column for every query of {@code definition} (which must be queries of {@code set}) and pools
     * the results. Reproducible: the union is put in document-id order before it is shuffled with a random of the
     * seed and the query id, so neither the order of the columns nor the other queries change a query's order.
     */
    public static Pool build(PoolDefinition definition, EvalSet set, ExperimentResources resources,
                             ProgressListener progress, Cancellation cancel) {
        for (String q : definition.queryIds()) {
            if (!set.queries().containsKey(q)) {
                throw new IllegalArgumentException("eval set " + set.name() + " has no query " + q);
            }
        }
        var indexes = new LinkedHashMap<String, ChunkIndex>();
        try {
            var retrievers = new ArrayList<Retriever>();
            var columnIndexes = new ArrayList<ChunkIndex>();
            for (PoolColumn column : definition.columns()) {
                ChunkIndex index = indexes.computeIfAbsent(column.index(), resources::openIndex);
                retrievers.add(resources.retriever(index, column.retriever()));
                columnIndexes.add(index);
            }
            var pooled = new ArrayList<PoolQuery>();
            int n = definition.queryIds().size();
            for (int i = 0; i < n; i++) {
                cancel.check();
                progress.progress("pooling queries", i, n);
                String id = definition.queryIds().get(i);
                String text = set.queries().get(id);
                Map<String, PoolItem> union = new LinkedHashMap<>();
                for (int c = 0; c < retrievers.size(); c++) {
                    ChunkIndex index = columnIndexes.get(c);
                    for (Hit hit : DocumentRanking.topDocuments(retrievers.get(c), text, definition.k(),
                            index.info().chunks())) {
                        if (!union.containsKey(hit.documentId())) {
                            StoredChunk chunk = index.chunk(hit.luceneDoc());
                            union.put(hit.documentId(), new PoolItem(id, text, hit.documentId(), chunk.chunkId(),
                                    chunk.title() == null ? "" : chunk.title(), chunk.text()));
                        }
                    }
                }
                var items = new ArrayList<>(union.values());
                items.sort(Comparator.comparing(PoolItem::documentId));
                Collections.shuffle(items, new Random(definition.seed() * 1_000_003L + id.hashCode()));
                pooled.add(new PoolQuery(id, text, items));
            }
            progress.progress("pooling queries", n, n);
            return new Pool(definition, pooled);
        } finally {
            indexes.values().forEach(ChunkIndex::close);
        }
    }
}
