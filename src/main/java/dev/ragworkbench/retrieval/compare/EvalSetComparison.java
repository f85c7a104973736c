package dev.ragworkbench.retrieval.compare;

import dev.ragworkbench.evaluation.ComparisonService;
import dev.ragworkbench.evaluation.EvalSet;
import dev.ragworkbench.evaluation.EvaluationResult;
import dev.ragworkbench.evaluation.Evaluator;
import dev.ragworkbench.evaluation.Metric;
import dev.ragworkbench.evaluation.MetricComparison;
import dev.ragworkbench.evaluation.Rankings;
import dev.ragworkbench.evaluation.ScoredDoc;
import dev.ragworkbench.progress.Cancellation;
import dev.ragworkbench.progress.ProgressListener;
import dev.ragworkbench.retrieval.DocumentRanking;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * A whole eval set through the columns of a {@link SideBySideSearch}: every judged query searched by every
 * column (on both cores), scored as {@code Evaluator} scores a run, and each column after the first compared
 * with it through {@link ComparisonService} (so the delta, interval and p equal {@code runs compare}'s on the
 * same values). Nothing is kept until every column is done: a cancelled run leaves no partial result.
 */
public final class EvalSetComparison {

    /** The pass/fail metric whose flips between columns are counted. */
    public static final Metric FLIP_METRIC = Metric.parse("success@10");
    public static final String STAGE = "search";

    private final SideBySideSearch search;
    private final ComparisonService comparisons;

    public EvalSetComparison(SideBySideSearch search, ComparisonService comparisons) {
        this.search = search;
        this.comparisons = comparisons;
    }

    /**
     * @param set     the eval set (or a sample of it)
     * @param metrics the metrics to show, in order
     * @param depth   documents to search per query (at least the largest cut-off of {@code metrics} to be exact)
     */
    public record Request(EvalSet set, List<Column> columns, List<Metric> metrics, int depth) {
        public Request {
            columns = List.copyOf(columns);
            metrics = List.copyOf(metrics);
            SideBySideSearch.checkColumns(columns);
            if (metrics.isEmpty()) {
                throw new IllegalArgumentException("no metrics requested");
            }
            if (depth < 1) {
                throw new IllegalArgumentException("depth must be at least 1, not " + depth);
            }
        }
    }

    public EvalComparison run(Request request, ProgressListener progress, Cancellation cancel) {
        Instant started = Instant.now();
        EvalSet set = request.set();
        // Only the queries the qrels judge relevant for are evaluated (trec_eval -c): searching others is waste.
        var queries = new LinkedHashMap<String, String>();
        set.queries().forEach((id, text) -> {
            if (set.qrels().relevantCount(id) > 0) {
                queries.put(id, text);
            }
        });
        var all = new LinkedHashSet<>(request.metrics());
        all.add(FLIP_METRIC);
        List<Metric> computed = List.copyOf(all);
        long total = (long) queries.size() * request.columns().size();
        var done = new AtomicLong();
        var results = new ArrayList<ColumnEvaluation>();
        for (Column column : request.columns()) {
            cancel.check();
            SideBySideSearch.Open open = search.open(column);
            Rankings rankings = rank(open, column, queries, request.depth(), progress, cancel, done, total);
            EvaluationResult result = Evaluator.evaluate(rankings, set, computed);
            var vsFirst = new LinkedHashMap<String, MetricComparison>();
            if (!results.isEmpty()) {
                ColumnEvaluation first = results.getFirst();
                for (Metric m : computed) {
                    vsFirst.put(m.toString(), comparisons.compare(m.toString(), first.values(m), values(result, m)));
                }
            }
            results.add(new ColumnEvaluation(column, open.name(), result, rankings, vsFirst,
                    coverage(set, result, rankings)));
        }
        cancel.check();
        var evaluated = new LinkedHashMap<String, String>();
        results.getFirst().result().queryIds().forEach(id -> evaluated.put(id, queries.get(id)));
        return new EvalComparison(set.name(), set.sha256(), request.metrics(), FLIP_METRIC, request.depth(),
                evaluated, results, started, Instant.now());
    }

    private static Rankings rank(SideBySideSearch.Open open, Column column, Map<String, String> queries, int depth,
                                 ProgressListener progress, Cancellation cancel, AtomicLong done, long total) {
        var entries = new ArrayList<>(queries.entrySet());
        int chunks = open.index().info().chunks();
        List<List<ScoredDoc>> ranked = IntStream.range(0, entries.size()).parallel().mapToObj(i -> {
            cancel.check();
            var hits = DocumentRanking.topDocuments(open.retriever(), entries.get(i).getValue(), depth, chunks);
            progress.progress(STAGE, done.incrementAndGet(), total);
            return hits.stream().map(h -> new ScoredDoc(h.documentId(), h.score())).toList();
        }).toList();
        var run = Rankings.builder(column.label());
        for (int i = 0; i < entries.size(); i++) {
            run.add(entries.get(i).getKey(), ranked.get(i));
        }
        return run.build();
    }

    private static java.util.SequencedMap<String, Double> values(EvaluationResult result, Metric metric) {
        var values = new LinkedHashMap<String, Double>();
        result.perQuery().forEach(q -> values.put(q.queryId(), q.value(metric)));
        return values;
    }

    private static Coverage coverage(EvalSet set, EvaluationResult result, Rankings rankings) {
        var judged = new LinkedHashMap<String, Integer>();
        var shown = new LinkedHashMap<String, Integer>();
        for (String q : result.queryIds()) {
            var judgments = set.qrels().judgments(q);
            List<ScoredDoc> top = rankings.ranking(q);
            int n = Math.min(Coverage.CUTOFF, top.size());
            int j = 0;
            for (int i = 0; i < n; i++) {
                if (judgments.containsKey(top.get(i).docId())) {
                    j++;
                }
            }
            judged.put(q, j);
            shown.put(q, n);
        }
        return new Coverage(judged, shown);
    }
}
