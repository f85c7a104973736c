package dev.ragworkbench.report.chart;

import dev.ragworkbench.report.chart.Mark.Anchor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Params → one metric over many runs: a vertical axis per param and a last one for the metric, each run a path
 * across them. A param axis whose values all read as numbers is linear; otherwise its distinct values are spaced
 * evenly in sorted order, a run lacking the param sitting at "—" at its foot. A path's series is its metric band
 * (0 lowest … {@value #BANDS}−1 highest), so the renderer can shade good runs apart from bad ones; the best run's
 * path is painted last. Runs whose metric is NaN are left out.
 */
public final class ParallelCoordinates {

    public static final int BANDS = 5;
    public static final double HEIGHT = 360;
    static final String MISSING = "—";

    /**
     * One run.
     *
     * @param label  its name (the path's tip)
     * @param params param key → value; keys it lacks are missing
     * @param metric the chosen metric's value
     */
    public record Row(String label, Map<String, String> params, double metric) {
        public Row {
            Objects.requireNonNull(label, "label");
            params = Map.copyOf(params);
        }
    }

    private ParallelCoordinates() {
    }

    public static Figure figure(String title, List<String> paramKeys, String metric, List<Row> rows) {
        double width = Math.max(480, 130.0 * (paramKeys.size() + 1));
        return figure(title, paramKeys, metric, rows, width, HEIGHT);
    }

    public static Figure figure(String title, List<String> paramKeys, String metric, List<Row> rows,
                                double width, double height) {
        var plot = new Plot(width, height, 40, 36, 70, 44);
        plot.title(title);
        List<Row> kept = rows.stream().filter(r -> Double.isFinite(r.metric())).toList();
        String description = title + ": " + kept.size() + " runs across " + paramKeys.size() + " params to "
                + metric;
        if (kept.isEmpty()) {
            plot.frame();
            plot.note("no runs with " + metric);
            return plot.figure(title, description);
        }
        int axisCount = paramKeys.size() + 1;
        double gap = axisCount == 1 ? 0 : (plot.right - plot.left) / (axisCount - 1);
        var axes = new ArrayList<Axis>();
        for (int i = 0; i < paramKeys.size(); i++) {
            String key = paramKeys.get(i);
            axes.add(Axis.of(key, kept.stream().map(r -> r.params().get(key)).toList(), plot.left + gap * i,
                    plot.top, plot.bottom));
        }
        double lo = kept.stream().mapToDouble(Row::metric).min().orElseThrow();
        double hi = kept.stream().mapToDouble(Row::metric).max().orElseThrow();
        Ticks metricTicks = Ticks.nice(lo, hi, 5);
        var metricScale = new LinearScale(metricTicks.min(), metricTicks.max(), plot.bottom, plot.top);
        double metricX = axisCount == 1 ? (plot.left + plot.right) / 2 : plot.right;

        for (Axis axis : axes) {
            axis.draw(plot);
        }
        plot.marks.add(new Mark.Line(metricX, plot.top, metricX, plot.bottom, Role.AXIS, 0, ""));
        for (double t : metricTicks.values()) {
            plot.marks.add(new Mark.Text(metricX + 6, metricScale.map(t) + Plot.FONT / 3, metricTicks.label(t),
                    Anchor.START, Role.TICK_LABEL));
        }
        plot.marks.add(new Mark.Text(metricX, plot.bottom + Plot.FONT + 10, metric, Anchor.MIDDLE, 0,
                Role.AXIS_LABEL, 0, metric));

        List<Row> ordered = kept.stream().sorted(java.util.Comparator.comparingDouble(Row::metric)).toList();
        for (Row r : ordered) {
            var points = new ArrayList<Mark.Point>();
            for (Axis axis : axes) {
                points.add(new Mark.Point(axis.x, axis.map(r.params().get(axis.key))));
            }
            points.add(new Mark.Point(metricX, metricScale.map(r.metric())));
            int band = hi == lo ? BANDS - 1 : (int) Math.min(BANDS - 1, Math.floor((r.metric() - lo) / (hi - lo) * BANDS));
            plot.marks.add(new Mark.Polyline(points, Role.PATH, band, r.label() + ": " + Plot.num(r.metric())));
        }
        return plot.figure(title, description);
    }

    /** One param's vertical axis: linear when every run has a number, otherwise categorical. */
    private static final class Axis {
        final String key;
        final double x;
        final LinearScale numeric;
        final List<String> categories;
        final Ticks ticks;
        final double top;
        final double bottom;

        private Axis(String key, double x, LinearScale numeric, Ticks ticks, List<String> categories, double top,
                     double bottom) {
            this.key = key;
            this.x = x;
            this.numeric = numeric;
            this.ticks = ticks;
            this.categories = categories;
            this.top = top;
            this.bottom = bottom;
        }

        static Axis of(String key, List<String> values, double x, double top, double bottom) {
            boolean allNumbers = values.stream().allMatch(v -> v != null && number(v) != null);
            if (allNumbers) {
                double lo = values.stream().mapToDouble(v -> number(v)).min().orElse(0);
                double hi = values.stream().mapToDouble(v -> number(v)).max().orElse(1);
                Ticks t = Ticks.nice(lo, hi, 5);
                return new Axis(key, x, new LinearScale(t.min(), t.max(), bottom, top), t, List.of(), top, bottom);
            }
            var distinct = new TreeSet<String>();
            boolean missing = false;
            for (String v : values) {
                if (v == null) {
                    missing = true;
                } else {
                    distinct.add(v);
                }
            }
            var categories = new ArrayList<String>();
            if (missing) {
                categories.add(MISSING);
            }
            categories.addAll(distinct);
            return new Axis(key, x, null, null, categories, top, bottom);
        }

        double map(String value) {
            if (numeric != null) {
                return numeric.map(number(value));
            }
            int i = categories.indexOf(value == null ? MISSING : value);
            if (categories.size() == 1) {
                return (top + bottom) / 2;
            }
            return bottom - (bottom - top) * i / (categories.size() - 1);
        }

        void draw(Plot plot) {
            plot.marks.add(new Mark.Line(x, top, x, bottom, Role.AXIS, 0, key));
            if (numeric != null) {
                for (double t : ticks.values()) {
                    plot.marks.add(new Mark.Text(x + 4, numeric.map(t) + Plot.FONT / 3, ticks.label(t),
                            Anchor.START, Role.TICK_LABEL));
                }
            } else {
                // With many categories label every k-th, so the labels don't overprint.
                int every = Math.max(1, (int) Math.ceil(categories.size() * (Plot.FONT + 3) / (bottom - top)));
                for (int i = 0; i < categories.size(); i += every) {
                    String c = categories.get(i);
                    plot.marks.add(new Mark.Text(x + 4, map(c) + Plot.FONT / 3, Plot.shorten(c, 18), Anchor.START,
                            0, Role.TICK_LABEL, 0, c));
                }
            }
            plot.marks.add(new Mark.Text(x, bottom + Plot.FONT + 10, Plot.shorten(key, 20), Anchor.MIDDLE, 0,
                    Role.AXIS_LABEL, 0, key));
        }

        private static Double number(String v) {
            try {
                double d = Double.parseDouble(v.strip());
                return Double.isFinite(d) ? d : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }
}
