package dev.ragworkbench.format;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * One way to print numbers, metric values, sizes, durations and instants, for the window and the command line
 * alike: a figure read in one face reads the same in the other. Missing values print as an en dash.
 */
public final class Formats {

    /** What a value that is not there (or not a number) prints as. */
    public static final String MISSING = "–";

    private static final DecimalFormatSymbols SYMBOLS = DecimalFormatSymbols.getInstance(Locale.ENGLISH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final String[] BINARY_UNITS = {"KiB", "MiB", "GiB", "TiB"};

    private Formats() {
    }

    /** A whole number with thousands separators: {@code 12,345}. */
    public static String count(long n) {
        return new DecimalFormat("#,##0", SYMBOLS).format(n);
    }

    /** A count with its noun, plural when needed: {@code 1 document}, {@code 3 documents}. */
    public static String counted(long n, String noun) {
        return count(n) + " " + (n == 1 ? noun : plural(noun));
    }

    /** A mean or other fractional measure, one decimal: {@code 212.4}. */
    public static String decimal(double x) {
        return Double.isNaN(x) ? MISSING : new DecimalFormat("#,##0.0", SYMBOLS).format(x);
    }

    /** A share as a percentage with no decimals: {@code 42 %}. */
    public static String percent(double fraction) {
        return Double.isNaN(fraction) ? MISSING : new DecimalFormat("#,##0", SYMBOLS).format(fraction * 100) + " %";
    }

    /** A metric value (or a score): four decimals, as trec_eval prints them: {@code 0.6532}. */
    public static String metric(double value) {
        return Double.isNaN(value) ? MISSING : String.format(Locale.ROOT, "%.4f", value);
    }

    /** A metric value that may be missing. */
    public static String metric(Double value) {
        return value == null ? MISSING : metric(value.doubleValue());
    }

    /** A difference of metric values, signed, four decimals: {@code +0.0123}, {@code -0.0040}. */
    public static String delta(double value) {
        return Double.isNaN(value) ? MISSING : String.format(Locale.ROOT, "%+.4f", value);
    }

    /**
     * A size in binary units (the figures are powers of 1,024, so the units say so) with one decimal:
     * {@code 512 B}, {@code 1.2 MiB}, {@code 1,023.9 MiB}.
     */
    public static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < BINARY_UNITS.length - 1) {
            v /= 1024;
            u++;
        }
        return new DecimalFormat("#,##0.0", SYMBOLS).format(v) + " " + BINARY_UNITS[u];
    }

    /**
     * A duration as a person reads it: {@code 850 ms} under a second, {@code 12.3 s} under a minute, then
     * {@code 4 min 05 s} and {@code 2 h 03 min}.
     */
    public static String duration(Duration d) {
        if (d == null) {
            return MISSING;
        }
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        long s = ms / 1000;
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", s / 3600, s % 3600 / 60);
    }

    /** Seconds with one decimal, for figures compared across lines (timings in a table): {@code 0.4 s}. */
    public static String seconds(Duration d) {
        return d == null ? MISSING : String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    /** A local date and time to the minute: {@code 2026-03-01 14:05}. */
    public static String instant(Instant instant) {
        return instant == null ? MISSING : TIME.format(instant.atZone(ZoneId.systemDefault()));
    }

    /** The English plural of a regular noun: query → queries, match → matches, document → documents. */
    static String plural(String noun) {
        if (noun.matches(".*[^aeiou]y")) {
            return noun.substring(0, noun.length() - 1) + "ies";
        }
        if (noun.matches(".*(s|x|z|ch|sh)")) {
            return noun + "es";
        }
        return noun + "s";
    }
}
