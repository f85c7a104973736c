package dev.ragworkbench.evaluation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.SequencedMap;
import java.util.Set;

/**
 * A retrieval run: for each query, the retrieved documents with scores. Each ranking is kept sorted in
 * {@link RankingOrder#TREC_EVAL} order whatever order it was given in, so the metrics computed here, the run
 * file written from it and trec_eval reading that file all see the same ranking.
 *
 * @param name     run name; becomes the tag column of a TREC run file
 * @param rankings query id → ranking (best first); a document appears at most once per query
 */
public record Rankings(String name, SequencedMap<String, List<ScoredDoc>> rankings) {

    public Rankings {
        Objects.requireNonNull(name, "name");
        var copy = new LinkedHashMap<String, List<ScoredDoc>>();
        rankings.forEach((query, docs) -> {
            Objects.requireNonNull(query, "query id");
            var sorted = new ArrayList<>(docs);
            Set<String> seen = HashSet.newHashSet(sorted.size());
            for (ScoredDoc d : sorted) {
                if (!seen.add(d.docId())) {
                    // trec_eval refuses such a run ("duplicate docs"); a metric would double count it.
                    throw new IllegalArgumentException(
                            "document '" + d.docId() + "' retrieved twice for query '" + query + "'");
                }
            }
            sorted.sort(RankingOrder.TREC_EVAL);
            copy.put(query, List.copyOf(sorted));
        });
        rankings = Collections.unmodifiableSequencedMap(copy);
    }

    /** The ranking of one query, best first; empty when the run has nothing for it. */
    public List<ScoredDoc> ranking(String queryId) {
        return rankings.getOrDefault(queryId, List.of());
    }

    public Set<String> queryIds() {
        return rankings.keySet();
    }

    /** The same run keeping only the first {@code k} documents of each ranking. */
    public Rankings truncate(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1 but was " + k);
        }
        var cut = new LinkedHashMap<String, List<ScoredDoc>>();
        rankings.forEach((q, docs) -> cut.put(q, docs.subList(0, Math.min(k, docs.size()))));
        return new Rankings(name, cut);
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Collects (query, document, score) triples in any order. */
    public static final class Builder {
        private final String name;
        private final SequencedMap<String, List<ScoredDoc>> rankings = new LinkedHashMap<>();

        private Builder(String name) {
            this.name = name;
        }

        public Builder add(String queryId, String docId, double score) {
            rankings.computeIfAbsent(queryId, q -> new ArrayList<>()).add(new ScoredDoc(docId, score));
            return this;
        }

        public Builder add(String queryId, List<ScoredDoc> docs) {
            rankings.computeIfAbsent(queryId, q -> new ArrayList<>()).addAll(docs);
            return this;
        }

        public Rankings build() {
            return new Rankings(name, rankings);
        }
    }
}
