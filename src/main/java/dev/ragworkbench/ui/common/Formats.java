package dev.ragworkbench.ui.common;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** One way to print numbers, sizes and times everywhere in the app. */
public final class Formats {

    private static final DecimalFormatSymbols SYMBOLS = DecimalFormatSymbols.getInstance(Locale.ENGLISH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private Formats() {
    }

    /** A whole number with thousands separators: {@code 12,345}. */
    public static String count(long n) {
        return new DecimalFormat("#,##0", SYMBOLS).format(n);
    }

    /** A mean or other fractional measure, one decimal: {@code 212.4}. */
    public static String decimal(double x) {
        return Double.isNaN(x) ? "–" : new DecimalFormat("#,##0.0", SYMBOLS).format(x);
    }

    /** A share as a percentage with no decimals: {@code 42 %}. */
    public static String percent(double fraction) {
        return Double.isNaN(fraction) ? "–" : new DecimalFormat("#,##0", SYMBOLS).format(fraction * 100) + " %";
    }

    /** Bytes in binary units with one decimal: {@code 1.2 MB}. */
    public static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return new DecimalFormat("#,##0.0", SYMBOLS).format(v) + " " + units[u];
    }

    /** A local date and time to the minute: {@code 2026-03-01 14:05}. */
    public static String time(Instant instant) {
        return instant == null ? "–" : TIME.format(instant.atZone(ZoneId.systemDefault()));
    }

    /** A count with its noun, plural when needed: {@code 1 document}, {@code 3 documents}. */
    public static String counted(long n, String noun) {
        return count(n) + " " + (n == 1 ? noun : plural(noun));
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
