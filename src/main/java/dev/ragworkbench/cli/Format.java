package dev.ragworkbench.cli;

import dev.ragworkbench.format.Formats;
import dev.ragworkbench.format.TextTable;

import java.time.Instant;
import java.util.List;

/**
 * The terminal's short names for the core's one formatting module ({@link Formats}, {@link TextTable}); it holds
 * no formatting of its own, so the command line prints figures exactly as the window shows them.
 */
final class Format {

    private Format() {
    }

    /** Rows (the first is the header) as aligned columns; the given columns are right-aligned (numbers). */
    static String table(List<List<String>> rows, Integer... rightAligned) {
        return TextTable.of(rows, rightAligned);
    }

    static String metric(double value) {
        return Formats.metric(value);
    }

    static String bytes(long bytes) {
        return Formats.bytes(bytes);
    }

    static String instant(Instant instant) {
        return Formats.instant(instant);
    }
}
