package dev.ragworkbench.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SequencedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The one place two runs are compared: the command line's {@code runs compare}, the panes and the reports all
 * call it. Per metric both runs have values of, it pairs the ids both scored (in A's order) and counts those only
 * one did as excluded, instead of refusing different query sets; then the paired bootstrap interval and
 * randomisation p of {@link PairedComparison} (so p equals the per-metric comparison's for the same values and
 * options), and for pass/fail metrics McNemar's exact test and the ids that flipped. A value counts as a pass
 * when it is at least ½ (stored pass/fail values are 0 or 1).
 */
public final class ComparisonService {

    /** The run param holding the hash of the eval set a run was evaluated on. */
    public static final String EVAL_SET_HASH = "evalSet.sha256";

    private final RunValues runs;
    private final MetricRegistry registry;
    private final PairedComparison.Options options;

    public ComparisonService(RunValues runs, MetricRegistry registry, PairedComparison.Options options) {
        this.runs = Objects.requireNonNull(runs, "runs");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.options = Objects.requireNonNull(options, "options");
    }

    public ComparisonService(RunValues runs, MetricRegistry registry) {
        this(runs, registry, PairedComparison.Options.defaults());
    }

    /** B against A on every metric both have per-query or per-item values of; metrics sorted by name. */
    public Comparison compare(String runIdA, String runIdB) {
        Map<String, String> paramsA = runs.params(runIdA);
        Map<String, String> paramsB = runs.params(runIdB);
        var shared = new TreeSet<>(runs.metricNames(runIdA));
        shared.retainAll(runs.metricNames(runIdB));
        var metrics = new TreeMap<String, MetricComparison>();
        for (String name : shared) {
            MetricComparison m = compare(name, runs.values(runIdA, name), runs.values(runIdB, name));
            metrics.put(m.metric(), m);
        }
        return new Comparison(runIdA, runIdB, evalSetsDiffer(paramsA, paramsB), metrics);
    }

    /** The run param holding the hash of the test set a model run answered. */
    public static final String TEST_SET_HASH = "testSet.sha256";

    /**
     * Whether two runs' params say they were evaluated on different eval sets or test sets (both hashes known
     * and unequal).
     */
    public static boolean evalSetsDiffer(Map<String, String> paramsA, Map<String, String> paramsB) {
        for (String key : List.of(EVAL_SET_HASH, TEST_SET_HASH)) {
            String a = paramsA.get(key);
            String b = paramsB.get(key);
            if (a != null && b != null && !a.equals(b)) {
                return true;
            }
        }
        return false;
    }

    /** B against A on one metric, from values by query or item id (A's order decides the pairing order). */
    public MetricComparison compare(String metric, SequencedMap<String, Double> a, SequencedMap<String, Double> b) {
        MetricInfo info = registry.lookup(metric);
        var ids = new ArrayList<String>(a.size());
        for (String id : a.keySet()) {
            if (b.containsKey(id)) {
                ids.add(id);
            }
        }
        int n = ids.size();
        int excluded = (a.size() - n) + (b.size() - n);
        double[] va = new double[n];
        double[] vb = new double[n];
        for (int i = 0; i < n; i++) {
            va[i] = a.get(ids.get(i));
            vb[i] = b.get(ids.get(i));
        }
        MetricComparison.Flips flips = info.passFail() ? flips(ids, va, vb) : null;
        if (n == 0) {
            return new MetricComparison(info.name(), info.type(), Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN, 0, excluded, flips);
        }
        PairedComparison.Paired s = PairedComparison.paired(va, vb, options);
        return new MetricComparison(info.name(), info.type(), s.meanA(), s.meanB(), s.delta(), s.ciLow(), s.ciHigh(),
                s.p(), n, excluded, flips);
    }

    private static MetricComparison.Flips flips(List<String> ids, double[] a, double[] b) {
        var rightToWrong = new ArrayList<String>();
        var wrongToRight = new ArrayList<String>();
        for (int i = 0; i < ids.size(); i++) {
            boolean passA = a[i] >= 0.5;
            boolean passB = b[i] >= 0.5;
            if (passA && !passB) {
                rightToWrong.add(ids.get(i));
            } else if (!passA && passB) {
                wrongToRight.add(ids.get(i));
            }
        }
        return new MetricComparison.Flips(McNemar.exactP(rightToWrong.size(), wrongToRight.size()),
                rightToWrong, wrongToRight);
    }
}
