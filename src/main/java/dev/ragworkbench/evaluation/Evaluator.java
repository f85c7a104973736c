package dev.ragworkbench.evaluation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Computes metrics for a run against judgments the way {@code trec_eval -c} does:
 * <ul>
 *   <li>evaluated queries are, by default, those in the qrels with at least one relevant (grade ≥ 1)
 *       judgment, in qrels order. trec_eval {@code -c} also averages in, as 0, queries that are judged but
 *       have no relevant document; {@link QuerySelection#ALL_JUDGED} does that for exact parity;</li>
 *   <li>an evaluated query missing from the run scores 0 on every metric (trec_eval {@code -c});</li>
 *   <li>run queries without relevant judgments are ignored;</li>
 *   <li>rankings are in {@link RankingOrder#TREC_EVAL} order (the run keeps them so).</li>
 * </ul>
 */
public final class Evaluator {

    private Evaluator() {
    }

    /** Which judged queries are evaluated and averaged. */
    public enum QuerySelection {
        /** Queries with at least one relevant judgment: a query nothing can be found for scores nothing. */
        WITH_RELEVANT,
        /** Every query in the qrels, as {@code trec_eval -c}; queries with no relevant document score 0. */
        ALL_JUDGED
    }

    public static EvaluationResult evaluate(Rankings run, EvalSet set, List<Metric> metrics) {
        return evaluate(run, set.qrels(), metrics);
    }

    public static EvaluationResult evaluate(Rankings run, Qrels qrels, List<Metric> metrics) {
        return evaluate(run, qrels, metrics, QuerySelection.WITH_RELEVANT);
    }

    public static EvaluationResult evaluate(Rankings run, Qrels qrels, List<Metric> metrics, QuerySelection selection) {
        if (metrics.isEmpty()) {
            throw new IllegalArgumentException("no metrics requested");
        }
        List<Metric> ms = List.copyOf(new LinkedHashSet<>(metrics));
        int maxK = ms.stream().mapToInt(Metric::k).max().orElseThrow();
        double[] sums = new double[ms.size()];
        int[] grades = new int[0];
        var perQuery = new ArrayList<QueryResult>(qrels.queryCount());
        int missing = 0;
        for (var entry : qrels.judgments().entrySet()) {
            var judged = new JudgedQuery(entry.getValue());
            if (judged.relevant() == 0 && selection == QuerySelection.WITH_RELEVANT) {
                continue;
            }
            List<ScoredDoc> ranking = run.ranking(entry.getKey());
            if (ranking.isEmpty()) {
                missing++;
            }
            // Only the top maxK documents can affect any requested metric.
            int depth = Math.min(maxK, ranking.size());
            if (grades.length < depth) {
                grades = new int[depth];
            }
            for (int i = 0; i < depth; i++) {
                grades[i] = judged.grade(ranking.get(i).docId());
            }
            var values = new LinkedHashMap<Metric, Double>();
            for (int m = 0; m < ms.size(); m++) {
                double v = ms.get(m).compute(grades, depth, judged);
                values.put(ms.get(m), v);
                sums[m] += v;
            }
            perQuery.add(new QueryResult(entry.getKey(), values));
        }
        int count = perQuery.size();
        var means = new LinkedHashMap<Metric, Double>();
        for (int m = 0; m < ms.size(); m++) {
            means.put(ms.get(m), count == 0 ? 0.0 : sums[m] / count);
        }
        int ignored = 0;
        for (String q : run.queryIds()) {
            boolean evaluated = selection == QuerySelection.ALL_JUDGED ? qrels.queryIds().contains(q)
                    : qrels.relevantCount(q) > 0;
            if (!evaluated) {
                ignored++;
            }
        }
        return new EvaluationResult(run.name(), ms, perQuery,
                new Aggregate(means, count), missing, ignored);
    }
}
