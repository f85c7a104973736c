package dev.ragworkbench.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Conditions a CI pipeline puts on runs: {@code ndcg@10 < 0.66} fails any run whose nDCG@10 is below 0.66;
 * a baseline with a maximum drop fails any run that lost more than that (absolute) on a metric both have.
 */
public final class QualityGate {

    /**
     * A metric as runs name it: {@code ndcg@10}, {@code recall@100}, but also names without a depth, such as a
     * pairwise judging's {@code win_rate}, an answer metric's {@code exact_match} or {@code latency_ms}.
     */
    private static final Pattern CONDITION = Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_.]*(?:@\\d+)?)\\s*"
            + "(<=|>=|<|>)\\s*([-+]?\\d*\\.?\\d+(?:[eE][-+]?\\d+)?)\\s*");

    private QualityGate() {
    }

    /** A failing condition: the gate fails when {@code metric op value} holds for a run. */
    public record Condition(String metric, String op, double value) {

        public static Condition parse(String text) {
            var m = CONDITION.matcher(text);
            if (!m.matches()) {
                throw new IllegalArgumentException("cannot read the gate '" + text
                        + "'; write it as METRIC OP NUMBER, e.g. \"ndcg@10 < 0.66\"");
            }
            return new Condition(m.group(1).toLowerCase(Locale.ROOT), m.group(2), Double.parseDouble(m.group(3)));
        }

        boolean holds(double actual) {
            return switch (op) {
                case "<" -> actual < value;
                case "<=" -> actual <= value;
                case ">" -> actual > value;
                case ">=" -> actual >= value;
                default -> throw new IllegalStateException(op);
            };
        }

        @Override
        public String toString() {
            return metric + " " + op + " " + value;
        }
    }

    /** A run as the gate sees it: a name for messages and its aggregate metrics. */
    public record Subject(String id, String name, Map<String, Double> metrics) {
    }

    /**
     * The first broken condition, as one plain sentence, or empty when all runs pass. A condition applies to the
     * runs that computed its metric (a pairwise judging's run has {@code win_rate}, the two model runs it judged do
     * not); one that no run computed is an error, not a pass.
     */
    public static Optional<String> check(List<Subject> runs, List<Condition> conditions) {
        for (var c : conditions) {
            if (!runs.isEmpty() && runs.stream().noneMatch(r -> r.metrics().containsKey(c.metric()))) {
                return Optional.of("gate " + c + " names a metric that no run computed (run " + runs.getFirst().id()
                        + " has " + String.join(", ", new java.util.TreeSet<>(runs.getFirst().metrics().keySet()))
                        + "); add it to the spec's metrics");
            }
        }
        for (var run : runs) {
            for (var c : conditions) {
                Double actual = run.metrics().get(c.metric());
                if (actual == null) {
                    continue;
                }
                if (c.holds(actual)) {
                    return Optional.of(String.format(Locale.ROOT, "gate failed: run %s (%s) has %s %.4f, and the gate"
                            + " fails when %s", run.id(), run.name(), c.metric(), actual, c));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Compares each run with its baseline (by name when the baseline has several runs, else the only one) and
     * reports the first metric that dropped by more than {@code maxDrop}.
     */
    public static Optional<String> checkBaseline(List<Subject> runs, List<Subject> baseline, double maxDrop) {
        var problems = new ArrayList<String>();
        for (var run : runs) {
            Subject base = baseline.size() == 1 ? baseline.getFirst()
                    : baseline.stream().filter(b -> b.name().equals(run.name())).findFirst().orElse(null);
            if (base == null) {
                continue; // a new grid point has no baseline yet
            }
            for (var e : base.metrics().entrySet()) {
                Double now = run.metrics().get(e.getKey());
                if (now != null && e.getValue() - now > maxDrop + 1e-12) {
                    problems.add(String.format(Locale.ROOT, "baseline gate failed: run %s (%s) has %s %.4f, down"
                                    + " %.4f from the baseline's %.4f (at most %.4f allowed)", run.id(), run.name(),
                            e.getKey(), now, e.getValue() - now, e.getValue(), maxDrop));
                }
            }
        }
        return problems.stream().findFirst();
    }
}
