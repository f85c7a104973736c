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
        return grade(set, queryText == null ? Map.of() : Map.of(queryId, queryText),
                List.of(new Judgment(queryId, documentId, grade)));
    }

    /**
     * Writes {@code judgments} as one new version, first adding the queries the set lacks with their text from
     * {@code queryTexts} (the grades given in quick succession in a pane go out together this way).
     */
    public EvalSet grade(String set, Map<String, String> queryTexts, Collection<Judgment> judgments) {
        EvalSet latest = store.get(set);
        var missing = new LinkedHashMap<String, String>();
        for (Judgment j : judgments) {
            if (!latest.queries().containsKey(j.queryId()) && !missing.containsKey(j.queryId())) {
                String text = queryTexts.get(j.queryId());
                if (text == null || text.isBlank()) {
                    throw new IllegalArgumentException("query " + j.queryId() + " is not in eval set " + set
                            + "; give its text to add it");
                }
                missing.put(j.queryId(), text.strip());
            }
        }
        if (missing.isEmpty()) {
            return judge(set, judgments);
        }
        var qrels = new LinkedHashMap<String, Map<String, Integer>>();
        judgments.forEach(j -> qrels.computeIfAbsent(j.queryId(), q -> new LinkedHashMap<>())
                .put(j.documentId(), j.grade()));
        EvalSet graded = withQueries(latest, missing).withJudgments(Qrels.of(qrels));
        String what = judgments.size() == 1 ? describe(judgments.iterator().next())
                : judgments.size() + " judgments added";
        return store.save(graded, null, null, (missing.size() == 1 ? "query " + missing.firstEntry().getKey()
                : missing.size() + " queries") + " added; " + what);
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
     * The queries of {@code set} to pool: those of {@code pasted} (added to the set first when it lacks them, see
     * {@link #addQueries}), or, when nothing is pasted, {@code sample} of the set's queries drawn with {@code seed}
     * (all of them when {@code sample} is 0 or more than it has).
     */
    public List<String> poolQueries(String set, String pasted, int sample, long seed) {
        if (pasted == null || pasted.isBlank()) {
            EvalSet latest = store.get(set);
            return List.copyOf((sample <= 0 ? latest : latest.sample(sample, seed)).queries().keySet());
        }
        addQueries(set, pasted);
        EvalSet latest = store.get(set);
        var byText = new java.util.HashMap<String, String>();
        latest.queries().forEach((id, text) -> byText.putIfAbsent(QueryLines.normal(text), id));
        var ids = new java.util.LinkedHashSet<String>();
        for (String line : pasted.split("\\R")) {
            String l = line.strip();
            int tab = l.indexOf('\t');
            String id = tab > 0 ? l.substring(0, tab).strip() : null;
            String text = tab > 0 ? l.substring(tab + 1) : l;
            if (id != null && latest.queries().containsKey(id)) {
                ids.add(id);
            } else if (!text.isBlank() && byText.containsKey(QueryLines.normal(text))) {
                ids.add(byText.get(QueryLines.normal(text)));
            }
        }
        return List.copyOf(ids);
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
