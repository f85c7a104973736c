package dev.ragworkbench.report.chart;

/**
 * What a mark means, instead of how it looks: the SVG renderer maps a role to a CSS class ({@link #cssClass()}),
 * a JavaFX renderer to the theme's colours, so one figure reads well in a light report and a dark pane.
 */
public enum Role {
    /** The plot area's background. */
    FRAME,
    /** A grid line across the plot at a tick. */
    GRID,
    /** An axis line. */
    AXIS,
    /** The number or category at a tick. */
    TICK_LABEL,
    /** An axis's name. */
    AXIS_LABEL,
    /** The figure's title. */
    TITLE,
    /** A bar; its series is the run's index. */
    BAR,
    /** An interval whisker (a 95 % interval) and its caps; series as the bar it belongs to. */
    INTERVAL,
    /** A value printed at a mark. */
    VALUE_LABEL,
    /** A reference line: the first run's mean, the diagonal y = x, zero. */
    REFERENCE,
    /** A point where the two runs agree (on the diagonal). */
    POINT,
    /** A point where run B scored higher than run A. */
    GAIN,
    /** A point where run B scored lower than run A. */
    LOSS,
    /** One run's path across parallel coordinates; series is its metric band, 0 (lowest) to 4 (highest). */
    PATH,
    /** A message in place of the data (nothing to draw). */
    NOTE;

    /** The CSS class the SVG renderer gives marks of this role, e.g. {@code mark-tick-label}. */
    public String cssClass() {
        return "mark-" + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
