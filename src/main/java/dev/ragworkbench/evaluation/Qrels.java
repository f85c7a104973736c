package dev.ragworkbench.evaluation;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SequencedMap;
import java.util.Set;

/**
 * Relevance judgments: query id → (document id → integer grade), in the order they were read.
 *
 * <p>Grades follow trec_eval: a document is <em>relevant</em> when its grade is ≥ 1 (trec_eval's default
 * relevance level), grade 0 means judged non-relevant, and for nDCG the grade itself is the gain (grades ≤ 0
 * gain nothing). A query may have only non-relevant judgments; such a query is skipped when averaging.
 *
 * @param judgments query id → (document id → grade); copied and made unmodifiable
 */
public record Qrels(SequencedMap<String, SequencedMap<String, Integer>> judgments) {

    private static final SequencedMap<String, Integer> NONE =
            Collections.unmodifiableSequencedMap(new LinkedHashMap<>());

    public Qrels {
        var copy = new LinkedHashMap<String, SequencedMap<String, Integer>>();
        judgments.forEach((query, docs) -> {
            Objects.requireNonNull(query, "query id");
            var docsCopy = new LinkedHashMap<String, Integer>();
            docs.forEach((doc, grade) -> docsCopy.put(Objects.requireNonNull(doc, "document id"),
                    Objects.requireNonNull(grade, "grade")));
            copy.put(query, Collections.unmodifiableSequencedMap(docsCopy));
        });
        judgments = Collections.unmodifiableSequencedMap(copy);
    }

    public static Qrels of(Map<String, ? extends Map<String, Integer>> judgments) {
        var copy = new LinkedHashMap<String, SequencedMap<String, Integer>>();
        judgments.forEach((q, docs) -> copy.put(q, new LinkedHashMap<>(docs)));
        return new Qrels(copy);
    }

    /** Query ids that have at least one judgment, in file order. */
    public Set<String> queryIds() {
        return judgments.keySet();
    }

    /** The judgments of one query; empty when the query has none. */
    public SequencedMap<String, Integer> judgments(String queryId) {
        var docs = judgments.get(queryId);
        return docs == null ? NONE : docs;
    }

    /** Number of documents judged relevant (grade ≥ 1) for the query. */
    public int relevantCount(String queryId) {
        int n = 0;
        for (int grade : judgments(queryId).values()) {
            if (grade >= Metric.RELEVANCE_LEVEL) {
                n++;
            }
        }
        return n;
    }

    /** Total number of (query, document) judgments. */
    public int judgmentCount() {
        return judgments.values().stream().mapToInt(Map::size).sum();
    }

    public int queryCount() {
        return judgments.size();
    }

    /** The judgments of the given queries only, keeping this object's order. */
    public Qrels restrictTo(Collection<String> queryIds) {
        Set<String> keep = Set.copyOf(queryIds);
        var kept = new LinkedHashMap<String, SequencedMap<String, Integer>>();
        judgments.forEach((q, docs) -> {
            if (keep.contains(q)) {
                kept.put(q, docs);
            }
        });
        return new Qrels(kept);
    }
}
