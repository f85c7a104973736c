package dev.ragworkbench.report;

import dev.ragworkbench.evaluation.Comparison;
import dev.ragworkbench.evaluation.ComparisonService;
import dev.ragworkbench.evaluation.MetricComparison;
import dev.ragworkbench.evaluation.Rankings;
import dev.ragworkbench.evaluation.ScoredDoc;
import dev.ragworkbench.evaluation.TrecRunFile;
import dev.ragworkbench.experiment.store.Run;
import dev.ragworkbench.experiment.store.RunArtifact;
import dev.ragworkbench.experiment.store.RunNote;
import dev.ragworkbench.experiment.store.RunStore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SequencedMap;

/**
 * Builds a {@link Report} from the run store: each run's record and per-query values, and for every run after
 * the first its comparison with the first from the {@link ComparisonService} (so a report shows exactly what
 * {@code runs compare} prints), the flipped queries with their texts and each run's top document.
 */
public final class ReportBuilder {

    /** The pass/fail metric whose flips a comparison lists when the runs have it. */
    public static final String FLIP_METRIC = "success@10";
    /** How much of a document's text a flip quotes. */
    public static final int SNIPPET = 320;

    private static final Logger LOG = LoggerFactory.getLogger(ReportBuilder.class);

    private final RunStore store;
    private final ComparisonService comparisons;
    private final ReportTexts texts;
    private final Clock clock;

    public ReportBuilder(RunStore store, ComparisonService comparisons, ReportTexts texts, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.comparisons = Objects.requireNonNull(comparisons, "comparisons");
        this.texts = Objects.requireNonNull(texts, "texts");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The report of these runs, the first the reference; throws {@code NoSuchRunException} for an unknown id. */
    public Report build(List<String> runIds) {
        if (runIds.isEmpty()) {
            throw new IllegalArgumentException("a report needs at least one run id");
        }
        List<Run> runs = runIds.stream().map(store::run).toList();
        var reportRuns = runs.stream().map(this::reportRun).toList();
        var metrics = new LinkedHashSet<String>();
        runs.forEach(r -> metrics.addAll(r.metrics().keySet()));
        var comparisonList = new ArrayList<ReportComparison>();
        for (int i = 1; i < runs.size(); i++) {
            comparisonList.add(compare(runs.getFirst(), reportRuns.getFirst(), runs.get(i), reportRuns.get(i)));
        }
        Run first = runs.getFirst();
        String title = runs.size() == 1 ? "Run " + label(first)
                : first.experiment() != null && runs.stream().allMatch(r -> first.experiment().equals(r.experiment()))
                ? first.experiment() + ": " + runs.size() + " runs"
                : runs.size() + " runs compared";
        return new Report(title, clock.instant().truncatedTo(ChronoUnit.SECONDS).toString(), RunStore.codeVersion(),
                List.copyOf(metrics), reportRuns, comparisonList);
    }

    private ReportRun reportRun(Run run) {
        var perQuery = new LinkedHashMap<String, SequencedMap<String, Double>>();
        for (String metric : store.queryMetricNames(run.id())) {
            perQuery.put(metric, store.queryMetrics(run.id(), metric));
        }
        var params = run.params();
        String specYaml = null;
        String specPath = null;
        if (run.executionId() != null) {
            var execution = store.execution(run.executionId());
            if (execution.isPresent()) {
                specYaml = execution.get().specYaml();
                specPath = execution.get().specPath();
            }
        }
        Integer queries = null;
        try {
            queries = params.containsKey("evalSet.queries") ? Integer.valueOf(params.get("evalSet.queries")) : null;
        } catch (NumberFormatException e) {
            queries = null;
        }
        var provenance = new ReportRun.Provenance(specPath, specYaml, params.get("evalSet.name"), queries,
                params.get("evalSet.sha256"), texts.corpus(run).orElse(null), params.get("corpus.path"),
                params.get("index.name"));
        return new ReportRun(run.id(), run.name(), run.experiment(), run.status().toString(), run.statusReason(),
                run.startedAt().truncatedTo(ChronoUnit.MILLIS).toString(), run.durationMs(), run.codeVersion(),
                provenance, params, run.metrics(), run.tags(), run.notes().stream().map(RunNote::text).toList(),
                store.itemFailures(run.id()).size(), perQuery, ItemRecords.read(store, run));
    }

    /** The metric whose per-query differences a comparison lists, when the runs have it. */
    private static final String DELTA_METRIC = "ndcg@10";

    private ReportComparison compare(Run runA, ReportRun a, Run runB, ReportRun b) {
        Comparison c = comparisons.compare(runA.id(), runB.id());
        String flipMetric = c.metrics().containsKey(FLIP_METRIC) ? FLIP_METRIC
                : c.metrics().values().stream().filter(m -> m.passFail() != null).map(MetricComparison::metric)
                .findFirst().orElse(null);
        var flips = new ArrayList<ReportComparison.Flip>();
        int more = 0;
        var flipped = new LinkedHashSet<String>();
        if (flipMetric != null) {
            MetricComparison.Flips f = c.metric(flipMetric).passFail();
            flipped.addAll(f.rightToWrong());
            flipped.addAll(f.wrongToRight());
            boolean modelRuns = !a.items().isEmpty() || !b.items().isEmpty();
            Map<String, String> queries = texts.queries(runA);
            Optional<Rankings> rankA = modelRuns ? Optional.empty() : ranking(runA);
            Optional<Rankings> rankB = modelRuns ? Optional.empty() : ranking(runB);
            for (String id : flipped) {
                if (flips.size() >= ReportComparison.MAX_FLIPS) {
                    more++;
                    continue;
                }
                flips.add(new ReportComparison.Flip(id, f.wrongToRight().contains(id), queries.get(id),
                        top(runA, rankA, id), top(runB, rankB, id)));
            }
        }
        String deltaMetric = c.metrics().containsKey(DELTA_METRIC) ? DELTA_METRIC
                : c.metrics().keySet().stream().findFirst().orElse(null);
        return new ReportComparison(a.id(), a.label(), b.id(), b.label(), c, flipMetric, flips, more,
                ItemRecords.sideBySide(a, b, flipped), deltaMetric,
                deltaMetric == null ? List.of() : largestDeltas(a, b, deltaMetric, texts.queries(runA)));
    }

    /**
     * The queries that moved most on {@code metric} between A and B, gains first, then losses; those with no
     * change are left out. These, with their texts, are what a reader of a comparison looks at first.
     */
    static List<ReportComparison.QueryDelta> largestDeltas(ReportRun a, ReportRun b, String metric,
                                                          Map<String, String> queries) {
        Map<String, Double> valuesA = a.queryMetrics().getOrDefault(metric, new java.util.LinkedHashMap<>());
        Map<String, Double> valuesB = b.queryMetrics().getOrDefault(metric, new java.util.LinkedHashMap<>());
        var both = new ArrayList<ReportComparison.QueryDelta>();
        valuesA.forEach((id, va) -> {
            Double vb = valuesB.get(id);
            if (vb != null && !va.isNaN() && !vb.isNaN() && !va.equals(vb)) {
                both.add(new ReportComparison.QueryDelta(id, queries.get(id), va, vb));
            }
        });
        var byDelta = java.util.Comparator.comparingDouble(ReportComparison.QueryDelta::delta)
                .thenComparing(ReportComparison.QueryDelta::id);
        var gains = both.stream().filter(d -> d.delta() > 0).sorted(byDelta.reversed())
                .limit(ReportComparison.MAX_DELTAS).toList();
        var losses = both.stream().filter(d -> d.delta() < 0).sorted(byDelta)
                .limit(ReportComparison.MAX_DELTAS).toList();
        var out = new ArrayList<ReportComparison.QueryDelta>(gains);
        out.addAll(losses);
        return out;
    }

    private ReportComparison.Hit top(Run run, Optional<Rankings> ranking, String queryId) {
        if (ranking.isEmpty() || !ranking.get().rankings().containsKey(queryId)) {
            return null;
        }
        List<ScoredDoc> docs = ranking.get().ranking(queryId);
        if (docs.isEmpty()) {
            return null;
        }
        String docId = docs.getFirst().docId();
        return new ReportComparison.Hit(docId, texts.document(run, docId).map(ReportBuilder::snippet).orElse(null));
    }

    /** The run's ranking from its TREC run file artifact, when it kept one. */
    private Optional<Rankings> ranking(Run run) {
        for (RunArtifact artifact : run.artifacts()) {
            if (artifact.name().equals("run.trec")) {
                try {
                    return Optional.of(TrecRunFile.read(store.file(artifact)));
                } catch (IOException | RuntimeException e) {
                    LOG.info("report: cannot read the ranking of run {}: {}", run.id(), e.getMessage());
                }
            }
        }
        return Optional.empty();
    }

    static String snippet(String text) {
        String flat = text.strip().replaceAll("\\s+", " ");
        return flat.length() <= SNIPPET ? flat : flat.substring(0, SNIPPET - 1) + "…";
    }

    private static String label(Run run) {
        return run.name() == null || run.name().isBlank() ? run.id() : run.name();
    }
}
