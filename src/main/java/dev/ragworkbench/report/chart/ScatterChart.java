package dev.ragworkbench.report.chart;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SequencedMap;

/**
 * Per-query values of run A (x) against run B (y) on one metric, with the diagonal y = x: points above it are
 * queries B does better on ({@link Role#GAIN}), below it worse ({@link Role#LOSS}). Queries with the same pair of
 * values (common with 0/1 metrics) are drawn as one point whose area grows with their count. Both axes share one
 * domain, [0, 1] unless the values leave it; ids only one run has, and NaN values, are left out.
 */
public final class ScatterChart {

    public static final double SIZE = 340;

    private ScatterChart() {
    }

    public static Figure figure(String title, String labelA, String labelB,
                                SequencedMap<String, Double> a, SequencedMap<String, Double> b) {
        return figure(title, labelA, labelB, a, b, SIZE);
    }

    public static Figure figure(String title, String labelA, String labelB,
                                SequencedMap<String, Double> a, SequencedMap<String, Double> b, double size) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        var plot = new Plot(size, size, 52, 28, 14, 40);
        plot.title(title);
        plot.frame();
        // Pair by id in A's order; group equal value pairs.
        Map<List<Double>, List<String>> groups = new LinkedHashMap<>();
        double lo = 0;
        double hi = 1;
        for (var e : a.entrySet()) {
            Double vb = b.get(e.getKey());
            Double va = e.getValue();
            if (vb == null || va == null || !Double.isFinite(va) || !Double.isFinite(vb)) {
                continue;
            }
            groups.computeIfAbsent(List.of(va, vb), k -> new ArrayList<>()).add(e.getKey());
            lo = Math.min(lo, Math.min(va, vb));
            hi = Math.max(hi, Math.max(va, vb));
        }
        Ticks ticks = Ticks.nice(lo, hi, 6);
        var x = new LinearScale(ticks.min(), ticks.max(), plot.left, plot.right);
        var y = new LinearScale(ticks.min(), ticks.max(), plot.bottom, plot.top);
        plot.yAxis(y, ticks, labelB);
        plot.xAxis(x, ticks, labelA);
        int pairs = groups.values().stream().mapToInt(List::size).sum();
        String description = title + ": " + pairs + " queries, " + labelA + " on x against " + labelB + " on y";
        plot.marks.add(new Mark.Line(x.map(ticks.min()), y.map(ticks.min()), x.map(ticks.max()), y.map(ticks.max()),
                Role.REFERENCE, 0, "y = x"));
        if (groups.isEmpty()) {
            plot.note("no query scored by both runs");
            return plot.figure(title, description);
        }
        for (var g : groups.entrySet()) {
            double va = g.getKey().get(0);
            double vb = g.getKey().get(1);
            List<String> ids = g.getValue();
            Role role = vb > va ? Role.GAIN : vb < va ? Role.LOSS : Role.POINT;
            double r = 3 * Math.sqrt(Math.min(ids.size(), 100));
            String tip = (ids.size() == 1 ? "query " + ids.getFirst() : ids.size() + " queries: "
                    + String.join(", ", ids.subList(0, Math.min(8, ids.size()))) + (ids.size() > 8 ? ", …" : ""))
                    + " · " + Plot.num(va) + " → " + Plot.num(vb);
            plot.marks.add(new Mark.Circle(x.map(va), y.map(vb), r, role, 0, tip));
        }
        return plot.figure(title, description);
    }
}
