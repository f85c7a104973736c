package dev.ragworkbench.retrieval.compare;

import dev.ragworkbench.evaluation.Metric;
import dev.ragworkbench.evaluation.MetricComparison;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An eval set through every column: per column its metrics, judged coverage and comparison with the first.
 *
 * @param evalSetName   the set (or sample) evaluated
 * @param evalSetSha256 the version evaluated, as runs record it
 * @param metrics       the metrics asked for, in order
 * @param flipMetric    the pass/fail metric whose flips are counted ({@code success@10})
 * @param depth         documents searched per query
 * @param queryTexts    the evaluated queries' texts, by id in evaluation order
 */
public record EvalComparison(String evalSetName, String evalSetSha256, List<Metric> metrics, Metric flipMetric,
                             int depth, java.util.SequencedMap<String, String> queryTexts,
                             List<ColumnEvaluation> columns, Instant startedAt, Instant endedAt) {

    public EvalComparison {
        metrics = List.copyOf(metrics);
        columns = List.copyOf(columns);
    }

    /** The evaluated query ids, in evaluation order. */
    public List<String> queryIds() {
        return List.copyOf(queryTexts.keySet());
    }

    public ColumnEvaluation first() {
        return columns.getFirst();
    }

    /** Column {@code i} against the first on the flip metric: McNemar and the queries that flipped. */
    public Optional<MetricComparison.Flips> flips(int i) {
        MetricComparison m = columns.get(i).vsFirst().get(flipMetric.toString());
        return m == null ? Optional.empty() : m.flips();
    }
}
