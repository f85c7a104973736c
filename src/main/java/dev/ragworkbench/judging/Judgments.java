package dev.ragworkbench.judging;

import dev.ragworkbench.evaluation.EvalSet;
import dev.ragworkbench.evaluation.EvalSetFormat;
import dev.ragworkbench.evaluation.EvalSetStore;
import dev.ragworkbench.evaluation.Qrels;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;

/**
 * Making golden sets in the workbench: grading documents and adding queries, the one write path of the pane and
 * of {@code evalsets judge} / {@code evalsets add-queries}. Every change goes through {@link EvalSetStore} as a new
 * version whose parent is the latest one; no version is ever edited, so a run keeps the judgments it was scored
 * with (its {@code evalSet.sha256} still resolves through {@link EvalSetStore#get(String, String)}).
 */
public final class Judgments {

    private final EvalSetStore store;

    public Judgments(EvalSetStore store) {
        this.store = store;
    }

    public EvalSetStore store() {
        return store;
    }

    /**
     * Writes {@code judgments} into {@code set} as one new version (none when they change nothing); a later grade
     * of the same (query, document) replaces an earlier one, in the batch as in the set. Every query must be in the
     * set; nothing is written otherwise.
     */
    public EvalSet judge(String set, Collection<Judgment> judgments) {
        if (judgments.isEmpty()) {
            return store.get(set);
        }
        var qrels = new LinkedHashMap<String, Map<String, Integer>>();
        for (Judgment j : judgments) {
            qrels.computeIfAbsent(j.queryId(), q -> new LinkedHashMap<>()).put(j.documentId(), j.grade());
        }
        int n = judgments.size();
        return store.addJudgments(set, Qrels.of(qrels), n == 1 ? describe(judgments.iterator().next())
                : n + " judgments added");
    }

    /**
     * Grades one document for a query, as a hit's grade buttons do: when the set lacks the query (a query typed
     * in the one-query view), it is added with {@code queryText} in the same new version.
     */
    public EvalSet grade(String set, String queryId, String queryText, String documentId, int grade) {
        var judgment = new Judgment(queryId, documentId, grade);
        EvalSet latest = store.get(set);
        if (latest.queries().containsKey(queryId)) {
            return judge(set, List.of(judgment));
        }
        if (queryText == null || queryText.isBlank()) {
            throw new IllegalArgumentException("query " + queryId + " is not in eval set " + set
                    + "; give its text to add it");
        }
        var queries = new LinkedHashMap<String, String>();
        queries.put(queryId, queryText.strip());
        EvalSet graded = withQueries(latest, queries).withJudgments(Qrels.of(Map.of(queryId,
                Map.of(documentId, grade))));
        return store.save(graded, null, null, "query " + queryId + " added; " + describe(judgment));
    }

    /**
     * Adds the queries of {@code text} (one per line, see {@link QueryLines}) to {@code set} as a new version;
     * returns the queries added (none when every text was already in the set).
     */
    public SequencedMap<String, String> addQueries(String set, String text) {
        EvalSet latest = store.get(set);
        var added = QueryLines.parse(text, latest.queries().keySet(), latest.queries().values());
        if (!added.isEmpty()) {
            store.save(withQueries(latest, added), null, null, added.size() + " quer"
                    + (added.size() == 1 ? "y" : "ies") + " added");
        }
        return added;
    }

    /**
     * Creates the set {@code name} for {@code corpus} with the queries of {@code text} (possibly none) and no
     * judgments yet; refused when a set of that name exists.
     */
    public EvalSet create(String name, String corpus, String text) {
        if (store.find(name).isPresent()) {
            throw new IllegalArgumentException("an eval set called " + name + " exists already; choose another name");
        }
        var queries = QueryLines.parse(text == null ? "" : text, List.of(), List.of());
        var set = new EvalSet(name, queries, Qrels.of(Map.of()));
        return store.save(set, corpus, null, "created in the workbench"
                + (corpus == null ? "" : " for corpus " + corpus));
    }

    /** {@code set} with {@code more} queries after its own (ids not in it). */
    static EvalSet withQueries(EvalSet set, SequencedMap<String, String> more) {
        var queries = new LinkedHashMap<>(set.queries());
        more.forEach((id, text) -> {
            if (queries.putIfAbsent(id, text) != null) {
                throw new IllegalArgumentException("eval set " + set.name() + " has a query " + id + " already");
            }
        });
        return new EvalSet(set.name(), set.format() == null ? EvalSetFormat.JUDGED : set.format(), queries,
                set.references(), set.qrels(), set.answers());
    }

    private static String describe(Judgment j) {
        return "judged " + j.documentId() + " " + j.grade() + " (" + Judgment.label(j.grade()) + ") for query "
                + j.queryId();
    }
}
