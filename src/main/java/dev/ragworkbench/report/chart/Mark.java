package dev.ragworkbench.report.chart;

import java.util.List;
import java.util.Objects;

/**
 * A primitive of a {@link Figure}, in the figure's pixel coordinates (origin top left, y downwards). Each mark
 * carries a {@link Role} and a series index instead of a colour; a renderer decides the colours. {@code tip} is
 * the text a reader gets on hover (SVG {@code <title>}, a JavaFX tooltip); empty when there is none.
 */
public sealed interface Mark {

    Role role();

    /** Index into the renderer's series palette; what it counts depends on the role (a run, a band). */
    int series();

    String tip();

    record Rect(double x, double y, double width, double height, Role role, int series, String tip) implements Mark {
        public Rect {
            Objects.requireNonNull(role, "role");
            tip = tip == null ? "" : tip;
            if (width < 0 || height < 0) {
                throw new IllegalArgumentException("negative size " + width + " x " + height);
            }
        }
    }

    record Line(double x1, double y1, double x2, double y2, Role role, int series, String tip) implements Mark {
        public Line {
            Objects.requireNonNull(role, "role");
            tip = tip == null ? "" : tip;
        }
    }

    record Circle(double cx, double cy, double r, Role role, int series, String tip) implements Mark {
        public Circle {
            Objects.requireNonNull(role, "role");
            tip = tip == null ? "" : tip;
        }
    }

    record Polyline(List<Point> points, Role role, int series, String tip) implements Mark {
        public Polyline {
            Objects.requireNonNull(role, "role");
            points = List.copyOf(points);
            tip = tip == null ? "" : tip;
        }
    }

    /**
     * A text whose anchor point is (x, y): {@code y} is the baseline; {@code rotate} in degrees, clockwise, about
     * the anchor point.
     */
    record Text(double x, double y, String text, Anchor anchor, double rotate, Role role, int series, String tip)
            implements Mark {
        public Text {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(anchor, "anchor");
            Objects.requireNonNull(role, "role");
            tip = tip == null ? "" : tip;
        }

        public Text(double x, double y, String text, Anchor anchor, Role role) {
            this(x, y, text, anchor, 0, role, 0, "");
        }
    }

    /** Where a text's anchor point sits along the text. */
    enum Anchor { START, MIDDLE, END }

    record Point(double x, double y) {
    }
}
