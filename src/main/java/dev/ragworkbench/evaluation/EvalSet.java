package dev.ragworkbench.evaluation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.SequencedMap;

/**
 * A golden set: queries with their text and the relevance judgments to score retrieval on them.
 *
 * @param name    a label for reports, e.g. {@code scifact/test}
 * @param queries query id → query text, in file order
 * @param qrels   judgments; every judged query is one of {@code queries}
 */
public record EvalSet(String name, SequencedMap<String, String> queries, Qrels qrels) {

    public EvalSet {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(qrels, "qrels");
        queries = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(queries));
        for (String q : qrels.queryIds()) {
            if (!queries.containsKey(q)) {
                throw new IllegalArgumentException("query '" + q + "' is judged but has no text in set '" + name + "'");
            }
        }
    }

    public int size() {
        return queries.size();
    }

    /**
     * A reproducible random subset of {@code n} queries (all of them if the set is smaller), kept in file
     * order. The same seed and set always give the same subset, on any JVM: {@link Random} is specified
     * bit for bit.
     */
    public EvalSet sample(int n, long seed) {
        if (n < 0) {
            throw new IllegalArgumentException("sample size must not be negative but was " + n);
        }
        if (n >= queries.size()) {
            return this;
        }
        List<String> chosen = shuffled(seed).subList(0, n);
        return subset(name + "-sample" + n + "-seed" + seed, chosen);
    }

    /** Two disjoint random parts, e.g. for tuning on one and reporting on the other. */
    public record Split(EvalSet first, EvalSet second) {
    }

    /**
     * Splits the queries at random: {@code round(fraction × size)} go to {@link Split#first()}, the rest to
     * {@link Split#second()}, both in file order; reproducible for a given seed.
     */
    public Split split(double fraction, long seed) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("fraction must be within [0, 1] but was " + fraction);
        }
        List<String> order = shuffled(seed);
        int cut = (int) Math.round(fraction * order.size());
        return new Split(subset(name + "-split" + seed + "-a", order.subList(0, cut)),
                subset(name + "-split" + seed + "-b", order.subList(cut, order.size())));
    }

    private List<String> shuffled(long seed) {
        var ids = new ArrayList<>(queries.keySet());
        Collections.shuffle(ids, new Random(seed));
        return ids;
    }

    private EvalSet subset(String subsetName, List<String> ids) {
        var keep = new HashSet<>(ids);
        var kept = new LinkedHashMap<String, String>();
        queries.forEach((id, text) -> {
            if (keep.contains(id)) {
                kept.put(id, text);
            }
        });
        return new EvalSet(subsetName, kept, qrels.restrictTo(keep));
    }
}
