package dev.ragworkbench.experiment.store;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Run ids such as {@code r-20261127-120501-3f9a}: the UTC start second, so ids sort by start time and say when a
 * run was, plus 16 random bits against two runs started in the same second (a clash is retried on insert).
 * Short enough to type, and only {@code [a-z0-9-]}, so a shell never needs quotes.
 */
final class RunIds {

    static final Pattern FORMAT = Pattern.compile("r-\\d{8}-\\d{6}-[0-9a-f]{4}");

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom(); // thread-safe

    private RunIds() {
    }

    static String next(Instant start) {
        byte[] suffix = new byte[2];
        RANDOM.nextBytes(suffix);
        return "r-" + STAMP.format(start) + "-" + HexFormat.of().formatHex(suffix);
    }
}
