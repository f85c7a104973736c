package dev.ragworkbench.format;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Rows as aligned plain-text columns, for a terminal or a log; numbers right-aligned. */
public final class TextTable {

    private TextTable() {
    }

    /**
     * {@code rows} (the first is the header, underlined with dashes) as aligned columns; the columns at the
     * indexes {@code rightAligned} are right-aligned.
     */
    public static String of(List<List<String>> rows, Integer... rightAligned) {
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
                    .mapToObj(c -> pad(row.get(c), width[c], right.contains(c)))
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
}
