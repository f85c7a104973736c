package dev.ragworkbench.report;

import dev.ragworkbench.report.html.HtmlReport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** Renders a {@link Report} in a {@link ReportFormat} and writes it to a file (whole, or not at all). */
public final class ReportWriter {

    private ReportWriter() {
    }

    public static String render(Report report, ReportFormat format) {
        return switch (format) {
            case HTML -> HtmlReport.render(report);
            case MARKDOWN -> MarkdownReport.render(report);
            case CSV -> CsvReport.render(report);
            case JSON -> JsonOutput.write(report) + "\n";
        };
    }

    /** Writes through a temporary file beside {@code file}, so a reader never sees half a report. */
    public static void write(Report report, ReportFormat format, Path file) throws IOException {
        String text = render(report, format);
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        // Not createTempFile: its owner-only permissions would stay with the report after the move.
        Path tmp = dir.resolve("." + file.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
