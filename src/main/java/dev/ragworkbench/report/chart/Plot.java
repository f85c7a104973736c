package dev.ragworkbench.report.chart;

import dev.ragworkbench.report.chart.Mark.Anchor;

import java.util.ArrayList;
import java.util.List;

/**
 * The shared frame of the builders: a canvas with margins, the plot area inside them, and the marks added so far
 * (axes, grid and labels drawn the same way in every chart).
 */
final class Plot {

    static final double FONT = 11;

    final double width;
    final double height;
    final double left;
    final double top;
    final double right;
    final double bottom;
    final List<Mark> marks = new ArrayList<>();

    Plot(double width, double height, double marginLeft, double marginTop, double marginRight, double marginBottom) {
        this.width = width;
        this.height = height;
        this.left = marginLeft;
        this.top = marginTop;
        this.right = width - marginRight;
        this.bottom = height - marginBottom;
    }

    void title(String title) {
        if (!title.isEmpty()) {
            marks.add(new Mark.Text(left, 16, title, Anchor.START, Role.TITLE));
        }
    }

    void frame() {
        marks.add(new Mark.Rect(left, top, right - left, bottom - top, Role.FRAME, 0, ""));
    }

    /** Horizontal grid lines and labels at the ticks of a vertical scale, and the y axis's name. */
    void yAxis(LinearScale y, Ticks ticks, String label) {
        for (double t : ticks.values()) {
            double py = y.map(t);
            marks.add(new Mark.Line(left, py, right, py, Role.GRID, 0, ""));
            marks.add(new Mark.Text(left - 6, py + FONT / 3, ticks.label(t), Anchor.END, Role.TICK_LABEL));
        }
        marks.add(new Mark.Line(left, top, left, bottom, Role.AXIS, 0, ""));
        if (!label.isEmpty()) {
            marks.add(new Mark.Text(14, (top + bottom) / 2, label, Anchor.MIDDLE, -90, Role.AXIS_LABEL, 0, ""));
        }
    }

    /** Vertical grid lines and labels at the ticks of a horizontal scale, and the x axis's name. */
    void xAxis(LinearScale x, Ticks ticks, String label) {
        for (double t : ticks.values()) {
            double px = x.map(t);
            marks.add(new Mark.Line(px, top, px, bottom, Role.GRID, 0, ""));
            marks.add(new Mark.Text(px, bottom + FONT + 4, ticks.label(t), Anchor.MIDDLE, Role.TICK_LABEL));
        }
        marks.add(new Mark.Line(left, bottom, right, bottom, Role.AXIS, 0, ""));
        if (!label.isEmpty()) {
            marks.add(new Mark.Text((left + right) / 2, height - 6, label, Anchor.MIDDLE, Role.AXIS_LABEL));
        }
    }

    void note(String text) {
        marks.add(new Mark.Text((left + right) / 2, (top + bottom) / 2, text, Anchor.MIDDLE, Role.NOTE));
    }

    Figure figure(String title, String description) {
        return new Figure(width, height, title, description, marks);
    }

    /** Text cut to {@code max} characters with an ellipsis, so a long run name keeps to its slot. */
    static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, Math.max(1, max - 1)) + "…";
    }

    /** A number as the charts' tips print it: three decimals, "n/a" for NaN. */
    static String num(double v) {
        return Double.isFinite(v) ? String.format(java.util.Locale.ROOT, "%.3f", v) : "n/a";
    }
}
