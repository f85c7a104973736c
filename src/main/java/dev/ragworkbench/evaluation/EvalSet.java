package dev.ragworkbench.evaluation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.SequencedMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * An eval set (a golden set): queries in order with their text, optional reference answers and contexts, the
 * relevance judgments to score retrieval on them, and where answers sit in the documents. Read from a file
 * ({@link EvalSetFiles}) or kept in the workspace ({@link EvalSetStore}); a version is identified by
 * {@link #sha256()}, the hash of its content.
 *
 * @param name       a label for reports and the store, e.g. {@code scifact/test}
 * @param format     where it came from
 * @param queries    query id → query text, in file order
 * @param references query id → its reference answer and contexts, for the queries that have any
 * @param qrels      judgments; every judged query is one of {@code queries}
 * @param answers    answer spans by document id: SQuAD's answers, or a Ragas set's reference contexts where they
 *                   occur in the documents; empty for BEIR and TREC, which have none
 */
public record EvalSet(String name, EvalSetFormat format, SequencedMap<String, String> queries,
                      Map<String, Reference> references, Qrels qrels, Map<String, List<AnswerSpan>> answers) {

    /**
     * What a query should be answered with: the answer metrics of a later issue score generated answers on it.
     *
     * @param answer   the reference answer, null when the set gives none
     * @param contexts the passages that answer the query (Ragas's reference contexts), possibly empty
     */
    public record Reference(String answer, List<String> contexts) {
        public Reference {
            contexts = List.copyOf(contexts);
        }

        public boolean isEmpty() {
            return answer == null && contexts.isEmpty();
        }
    }

    public EvalSet {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(qrels, "qrels");
        queries = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(queries));
        var refs = new LinkedHashMap<String, Reference>();
        references.forEach((id, ref) -> {
            if (!ref.isEmpty()) {
                refs.put(id, ref);
            }
        });
        references = Collections.unmodifiableMap(refs);
        var spans = new LinkedHashMap<String, List<AnswerSpan>>();
        answers.forEach((doc, list) -> spans.put(doc, List.copyOf(list)));
        answers = Collections.unmodifiableMap(spans);
        for (String q : qrels.queryIds()) {
            if (!queries.containsKey(q)) {
                throw new IllegalArgumentException("query '" + q + "' is judged but has no text in eval set '"
                        + name + "'");
            }
        }
        for (String q : references.keySet()) {
            if (!queries.containsKey(q)) {
                throw new IllegalArgumentException("query '" + q + "' has a reference but no text in eval set '"
                        + name + "'");
            }
        }
    }

    /** Queries and judgments only, as made in the workbench. */
    public EvalSet(String name, SequencedMap<String, String> queries, Qrels qrels) {
        this(name, EvalSetFormat.JUDGED, queries, Map.of(), qrels, Map.of());
    }

    /** Number of queries. */
    public int size() {
        return queries.size();
    }

    /** Distinct documents judged for any query. */
    public int judgedDocuments() {
        return (int) qrels.judgments().values().stream().flatMap(m -> m.keySet().stream()).distinct().count();
    }

    /** Number of answer spans over all documents. */
    public int answerSpans() {
        return answers.values().stream().mapToInt(List::size).sum();
    }

    /** The reference of one query; null when it has none. */
    public Reference reference(String queryId) {
        return references.get(queryId);
    }

    /** The same content under another name. */
    public EvalSet withName(String newName) {
        return new EvalSet(newName, format, queries, references, qrels, answers);
    }

    /**
     * This set with {@code judgments} added: a grade given here replaces the set's grade for that (query,
     * document); every judged query must be one of the set's.
     */
    public EvalSet withJudgments(Qrels judgments) {
        var merged = new LinkedHashMap<String, SequencedMap<String, Integer>>();
        qrels.judgments().forEach((q, docs) -> merged.put(q, new LinkedHashMap<>(docs)));
        judgments.judgments().forEach((q, docs) -> {
            if (!queries.containsKey(q)) {
                throw new IllegalArgumentException("query '" + q + "' is not in eval set '" + name + "'");
            }
            merged.computeIfAbsent(q, k -> new LinkedHashMap<>()).putAll(docs);
        });
        // judgments in query order, so a graded set hashes the same however its grades were added
        var ordered = new LinkedHashMap<String, SequencedMap<String, Integer>>();
        queries.keySet().forEach(q -> {
            if (merged.containsKey(q)) {
                ordered.put(q, merged.get(q));
            }
        });
        return new EvalSet(name, format, queries, references, new Qrels(ordered), answers);
    }

    /**
     * The SHA-256 (hex) of the content: queries in order with their text and references, then each query's
     * judgments sorted by document id. The name, format and answer spans are left out: two imports of the same
     * judgments are the same version, and a run scored on either is comparable. Every string is length-prefixed
     * so that no two contents serialise alike.
     */
    public String sha256() {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
        put(digest, "eval-set/1");
        put(digest, Integer.toString(queries.size()));
        queries.forEach((id, text) -> {
            put(digest, id);
            put(digest, text);
            Reference ref = references.get(id);
            put(digest, ref == null || ref.answer() == null ? "-" : "+" + ref.answer());
            List<String> contexts = ref == null ? List.of() : ref.contexts();
            put(digest, Integer.toString(contexts.size()));
            contexts.forEach(c -> put(digest, c));
            Map<String, Integer> judged = new TreeMap<>(qrels.judgments(id));
            put(digest, Integer.toString(judged.size()));
            judged.forEach((doc, grade) -> {
                put(digest, doc);
                put(digest, Integer.toString(grade));
            });
        });
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void put(MessageDigest digest, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        digest.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
        digest.update(bytes);
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

    /** This set with only the query {@code queryId} (and its judgments), under the same name: one query scored. */
    public EvalSet only(String queryId) {
        if (!queries.containsKey(queryId)) {
            throw new IllegalArgumentException("eval set " + name + " has no query " + queryId);
        }
        return subset(name, List.of(queryId));
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
        Set<String> keep = new HashSet<>(ids);
        var kept = new LinkedHashMap<String, String>();
        queries.forEach((id, text) -> {
            if (keep.contains(id)) {
                kept.put(id, text);
            }
        });
        var refs = new LinkedHashMap<String, Reference>();
        references.forEach((id, ref) -> {
            if (keep.contains(id)) {
                refs.put(id, ref);
            }
        });
        var spans = new LinkedHashMap<String, List<AnswerSpan>>();
        answers.forEach((doc, list) -> {
            var inSubset = list.stream().filter(s -> keep.contains(s.queryId())).toList();
            if (!inSubset.isEmpty()) {
                spans.put(doc, inSubset);
            }
        });
        return new EvalSet(subsetName, format, kept, refs, qrels.restrictTo(keep), spans);
    }
}
