package dev.ragworkbench.retrieval.compare;

import dev.ragworkbench.evaluation.EvaluationResult;
import dev.ragworkbench.evaluation.Metric;
import dev.ragworkbench.evaluation.MetricComparison;
import dev.ragworkbench.evaluation.QueryResult;
import dev.ragworkbench.evaluation.Rankings;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SequencedMap;

/**
 * One column over an eval set.
 *
 * @param index    the index actually searched
 * @param result   the metrics as {@code Evaluator} computes them (trec_eval's definitions), the flip metric too
 * @param rankings the documents it ranked per query, for run files
 * @param vsFirst  per metric name, this column against the first (B = this, A = first); empty for the first
 * @param coverage judged documents in each query's top 10
 */
public record ColumnEvaluation(Column column, String index, EvaluationResult result, Rankings rankings,
                               Map<String, MetricComparison> vsFirst, Coverage coverage) {

    public ColumnEvaluation {
        vsFirst = Collections.unmodifiableMap(new LinkedHashMap<>(vsFirst));
    }

    public double mean(Metric metric) {
        return result.aggregate().mean(metric);
    }

    /** One metric's values by query id, in evaluation order. */
    public SequencedMap<String, Double> values(Metric metric) {
        var values = new LinkedHashMap<String, Double>();
        for (QueryResult q : result.perQuery()) {
            values.put(q.queryId(), q.value(metric));
        }
        return values;
    }
}
