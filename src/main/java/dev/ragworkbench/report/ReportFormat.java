package dev.ragworkbench.report;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The formats a {@link Report} is exported as; the command line's {@code --format} names. */
public enum ReportFormat {
    HTML("html", "html", "htm"),
    MARKDOWN("md", "md", "markdown"),
    CSV("csv", "csv"),
    JSON("json", "json");

    private final String id;
    private final String[] extensions;

    ReportFormat(String id, String... extensions) {
        this.id = id;
        this.extensions = extensions;
    }

    public String id() {
        return id;
    }

    /** By {@code --format} name (also {@code markdown}), case-insensitively. */
    public static Optional<ReportFormat> named(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.id.equals(n) || Arrays.asList(f.extensions).contains(n))
                .findFirst();
    }

    /** By a file name's extension ({@code report.html}, {@code summary.md}). */
    public static Optional<ReportFormat> ofFile(Path file) {
        String name = String.valueOf(file.getFileName());
        int dot = name.lastIndexOf('.');
        return dot < 0 ? Optional.empty() : named(name.substring(dot + 1));
    }

    /** The names {@code --format} takes, for messages: {@code html, md, csv, json}. */
    public static String names() {
        return String.join(", ", Arrays.stream(values()).map(ReportFormat::id).toList());
    }

    @Override
    public String toString() {
        return id;
    }
}
