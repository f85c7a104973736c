package dev.ragworkbench.report.chart;

import dev.ragworkbench.report.chart.Mark.Anchor;

import java.util.List;
import java.util.Objects;

/**
 * One metric over several runs: a bar per run at its value, a whisker over its interval where it has one, and a
 * dashed reference line (the first run's value, so a whisker clear of the line is a significant difference).
 * The value axis always includes zero; a NaN value draws no bar but keeps its slot, labelled "n/a".
 */
public final class BarChart {

    public static final double WIDTH = 480;
    public static final double HEIGHT = 300;

    /**
     * One bar.
     *
     * @param label  the run's name, under the bar (shortened when long; the whole name is the tip)
     * @param value  the bar's height
     * @param low    lower end of its interval, NaN for none
     * @param high   upper end of its interval, NaN for none
     * @param series palette index (the run's position)
     * @param tip    hover text; empty for "label: value [low, high]"
     */
    public record Bar(String label, double value, double low, double high, int series, String tip) {
        public Bar {
            Objects.requireNonNull(label, "label");
            tip = tip == null || tip.isEmpty()
                    ? label + ": " + Plot.num(value) + (hasInterval(low, high)
                    ? " [" + Plot.num(low) + ", " + Plot.num(high) + "]" : "")
                    : tip;
        }

        public Bar(String label, double value, double low, double high, int series) {
            this(label, value, low, high, series, "");
        }

        public boolean hasInterval() {
            return hasInterval(low, high);
        }

        private static boolean hasInterval(double low, double high) {
            return Double.isFinite(low) && Double.isFinite(high);
        }
    }

    private BarChart() {
    }

    public static Figure figure(String title, String axisLabel, List<Bar> bars, double reference) {
        return figure(title, axisLabel, bars, reference, WIDTH, HEIGHT);
    }

    /**
     * @param reference value of the dashed reference line, NaN for none
     */
    public static Figure figure(String title, String axisLabel, List<Bar> bars, double reference,
                                double width, double height) {
        var plot = new Plot(width, height, 56, 28, 12, 40);
        plot.title(title);
        plot.frame();
        String description = title + ": " + bars.size() + (bars.size() == 1 ? " bar" : " bars")
                + (bars.stream().anyMatch(Bar::hasInterval) ? " with 95 % intervals" : "");
        if (bars.isEmpty()) {
            plot.note("no runs");
            return plot.figure(title, description);
        }
        double lo = 0;
        double hi = 0;
        for (Bar b : bars) {
            for (double v : new double[] {b.value(), b.hasInterval() ? b.low() : Double.NaN,
                    b.hasInterval() ? b.high() : Double.NaN, reference}) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        Ticks ticks = Ticks.nice(lo, hi, 5);
        var y = new LinearScale(ticks.min(), ticks.max(), plot.bottom, plot.top);
        plot.yAxis(y, ticks, axisLabel);

        double slot = (plot.right - plot.left) / bars.size();
        double barWidth = Math.min(64, slot * 0.6);
        int maxChars = Math.max(4, (int) (slot / 6.5));
        double zero = y.map(0);
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            double cx = plot.left + slot * (i + 0.5);
            if (Double.isFinite(b.value())) {
                double py = y.map(b.value());
                plot.marks.add(new Mark.Rect(cx - barWidth / 2, Math.min(py, zero), barWidth, Math.abs(zero - py),
                        Role.BAR, b.series(), b.tip()));
            }
            if (b.hasInterval()) {
                double yl = y.map(b.low());
                double yh = y.map(b.high());
                double cap = barWidth / 4;
                plot.marks.add(new Mark.Line(cx, yl, cx, yh, Role.INTERVAL, b.series(), b.tip()));
                plot.marks.add(new Mark.Line(cx - cap, yl, cx + cap, yl, Role.INTERVAL, b.series(), ""));
                plot.marks.add(new Mark.Line(cx - cap, yh, cx + cap, yh, Role.INTERVAL, b.series(), ""));
            }
            double labelY = Double.isFinite(b.value())
                    ? Math.min(y.map(b.value()), b.hasInterval() ? y.map(b.high()) : plot.bottom) - 4
                    : zero - 4;
            plot.marks.add(new Mark.Text(cx, Math.max(plot.top + Plot.FONT, labelY), Plot.num(b.value()),
                    Anchor.MIDDLE, 0, Role.VALUE_LABEL, b.series(), ""));
            plot.marks.add(new Mark.Text(cx, plot.bottom + Plot.FONT + 6, Plot.shorten(b.label(), maxChars),
                    Anchor.MIDDLE, 0, Role.TICK_LABEL, b.series(), b.label()));
        }
        if (Double.isFinite(reference)) {
            double py = y.map(reference);
            plot.marks.add(new Mark.Line(plot.left, py, plot.right, py, Role.REFERENCE, 0,
                    "reference " + Plot.num(reference)));
        }
        if (ticks.min() < 0) {
            plot.marks.add(new Mark.Line(plot.left, zero, plot.right, zero, Role.AXIS, 0, ""));
        }
        return plot.figure(title, description);
    }
}
