package dev.ragworkbench.report.chart;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Round tick values covering a data range: a step of 1, 2 or 5 × 10^k, the ends widened to whole steps
 * (Heckbert's "nice numbers"), so an axis reads 0, 0.2, 0.4 … rather than 0.13, 0.31 ….
 *
 * @param min    first tick (≤ the data minimum)
 * @param max    last tick (≥ the data maximum)
 * @param step   distance between ticks
 * @param values the ticks, min to max
 */
public record Ticks(double min, double max, double step, List<Double> values) {

    public Ticks {
        values = List.copyOf(values);
    }

    /** About {@code count} nice ticks over {@code [lo, hi]}; an empty range gets one step around it. */
    public static Ticks nice(double lo, double hi, int count) {
        if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
            throw new IllegalArgumentException("ticks need a finite range, not [" + lo + ", " + hi + "]");
        }
        if (hi < lo) {
            double t = lo;
            lo = hi;
            hi = t;
        }
        if (hi == lo) {
            double pad = lo == 0 ? 1 : Math.abs(lo) * 0.1;
            lo -= pad;
            hi += pad;
        }
        double step = niceNumber((hi - lo) / Math.max(1, count - 1), true);
        double min = Math.floor(lo / step + 1e-9) * step;
        double max = Math.ceil(hi / step - 1e-9) * step;
        var values = new ArrayList<Double>();
        int n = (int) Math.round((max - min) / step);
        for (int i = 0; i <= n; i++) {
            values.add(clean(min + i * step, step));
        }
        return new Ticks(clean(min, step), clean(max, step), step, values);
    }

    /** A tick value as text with as many decimals as the step needs (0.2 → "0.2", 5 → "5", 0.05 → "0.05"). */
    public String label(double value) {
        int decimals = Math.max(0, -(int) Math.floor(Math.log10(step) + 1e-9));
        return BigDecimal.valueOf(value).setScale(decimals, java.math.RoundingMode.HALF_EVEN).toPlainString()
                .replaceFirst("^-(0\\.?0*)$", "$1");
    }

    private static double niceNumber(double x, boolean round) {
        double exp = Math.floor(Math.log10(x));
        double f = x / Math.pow(10, exp);
        double nf;
        if (round) {
            nf = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
        } else {
            nf = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
        }
        return nf * Math.pow(10, exp);
    }

    /** Rounds away binary noise (0.30000000000000004) to the step's precision. */
    private static double clean(double v, double step) {
        double unit = Math.pow(10, Math.floor(Math.log10(step)) - 3);
        double r = Math.round(v / unit) * unit;
        return r == 0 ? 0 : r;
    }
}
