package dev.ragworkbench.report.chart;

/**
 * Maps a value of {@code [domainMin, domainMax]} linearly onto {@code [rangeFrom, rangeTo]} pixels; the range may
 * run backwards (a y axis: the minimum at the bottom). A degenerate domain maps everything to the range's middle.
 */
public record LinearScale(double domainMin, double domainMax, double rangeFrom, double rangeTo) {

    public LinearScale {
        if (!Double.isFinite(domainMin) || !Double.isFinite(domainMax) || domainMax < domainMin) {
            throw new IllegalArgumentException("bad domain [" + domainMin + ", " + domainMax + "]");
        }
    }

    public double map(double value) {
        double span = domainMax - domainMin;
        if (span == 0) {
            return (rangeFrom + rangeTo) / 2;
        }
        return rangeFrom + (value - domainMin) / span * (rangeTo - rangeFrom);
    }

    /** This scale's domain widened to round tick values (see {@link Ticks#nice}). */
    public static LinearScale nice(double min, double max, int tickCount, double rangeFrom, double rangeTo) {
        Ticks t = Ticks.nice(min, max, tickCount);
        return new LinearScale(t.min(), t.max(), rangeFrom, rangeTo);
    }
}
