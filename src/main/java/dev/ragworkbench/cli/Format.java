package dev.ragworkbench.cli;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Plain-text tables and numbers for the terminal, formatted the same way in every command. */
final class Format {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());

    private Format() {
    }

    /** Rows (the first is the header) as aligned columns; the given columns are right-aligned (numbers). */
    static String table(List<List<String>> rows, Integer... rightAligned) {
        int columns = rows.getFirst().size();
        int[] width = new int[columns];
        for (var row : rows) {
            for (int c = 0; c < columns; c++) {
                width[c] = Math.max(width[c], row.get(c).length());
            }
        }
        Set<Integer> right = Set.of(rightAligned);
        var out = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            var row = rows.get(r);
            out.append(IntStream.range(0, columns)
                    .mapToObj(c -> right.contains(c) ? pad(row.get(c), width[c], true) : pad(row.get(c), width[c], false))
                    .collect(Collectors.joining("  ")).stripTrailing()).append('\n');
            if (r == 0) {
                out.append(IntStream.range(0, columns).mapToObj(c -> "-".repeat(width[c]))
                        .collect(Collectors.joining("  "))).append('\n');
            }
        }
        return out.toString();
    }

    private static String pad(String s, int width, boolean right) {
        String fill = " ".repeat(width - s.length());
        return right ? fill + s : s + fill;
    }

    /** Metric values: four decimals everywhere, as trec_eval prints them. */
    static String metric(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }

    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    static String instant(Instant instant) {
        return WHEN.format(instant);
    }
}
