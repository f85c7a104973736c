package dev.ragworkbench.ingest;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The file formats a folder import understands, each with its reader, chosen by file extension. */
public enum FileType {
    MARKDOWN(new MarkdownReader(), "md", "markdown"),
    TEXT(new PlainTextReader(), "txt", "text", ""),
    PDF(new PdfReader(), "pdf"),
    HTML(new HtmlReader(), "html", "htm");

    private final DocumentReader reader;
    private final Set<String> extensions;

    FileType(DocumentReader reader, String... extensions) {
        this.reader = reader;
        this.extensions = Set.of(extensions);
    }

    public DocumentReader reader() {
        return reader;
    }

    /** The type for {@code file}'s extension (a file without one is tried as text), or empty when unsupported. */
    public static Optional<FileType> of(Path file) {
        String ext = extension(file);
        for (FileType type : values()) {
            if (type.extensions.contains(ext)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** Lower-case extension without the dot; empty for none (a leading dot alone does not start one). */
    static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
