package dev.ragworkbench.evaluation;

import java.util.List;

/**
 * The outcome of evaluating one run against one set of judgments.
 *
 * @param runName                the run's name
 * @param metrics                the metrics, in request order
 * @param perQuery               one entry per evaluated query, in qrels order
 * @param aggregate              the means
 * @param judgedQueriesNotInRun  evaluated queries the run returned nothing for (each counted as 0)
 * @param runQueriesNotJudged    run queries ignored because they were not among the evaluated queries
 */
public record EvaluationResult(String runName, List<Metric> metrics, List<QueryResult> perQuery,
                               Aggregate aggregate, int judgedQueriesNotInRun, int runQueriesNotJudged) {

    public EvaluationResult {
        metrics = List.copyOf(metrics);
        perQuery = List.copyOf(perQuery);
    }

    /** The per-query values of one metric, in {@link #perQuery()} order. */
    public double[] values(Metric metric) {
        if (!metrics.contains(metric)) {
            throw new IllegalArgumentException("metric " + metric + " was not computed");
        }
        return perQuery.stream().mapToDouble(r -> r.value(metric)).toArray();
    }

    public List<String> queryIds() {
        return perQuery.stream().map(QueryResult::queryId).toList();
    }
}
