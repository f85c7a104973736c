package dev.ragworkbench.ingest;

import java.nio.file.Path;
import java.util.Locale;

/** Derives safe corpus names: they end up in file names of indexes and in the UI, so they stay plain. */
public final class CorpusNames {

    static final int MAX_LENGTH = 200; // corpus.name is VARCHAR(200)

    private CorpusNames() {
    }

    /**
     * The default name for a corpus at {@code path}: the parent folder's name for a {@code corpus.jsonl} (BEIR keeps
     * the data set's name there), else the file name without extension, or the folder name.
     */
    public static String fromPath(Path path) {
        Path abs = path.toAbsolutePath().normalize();
        Path fileName = abs.getFileName();
        if (fileName == null) {
            return "corpus";
        }
        String name = fileName.toString();
        if (name.equalsIgnoreCase("corpus.jsonl") && abs.getParent() != null && abs.getParent().getFileName() != null) {
            return sanitize(abs.getParent().getFileName().toString());
        }
        if (!java.nio.file.Files.isDirectory(abs)) {
            int dot = name.lastIndexOf('.');
            if (dot > 0) {
                name = name.substring(0, dot);
            }
        }
        return sanitize(name);
    }

    /** Lower-cases and replaces every character outside {@code [a-z0-9._-]} by {@code -}. */
    public static String sanitize(String raw) {
        String lower = raw.strip().toLowerCase(Locale.ROOT);
        var sb = new StringBuilder(lower.length());
        lower.codePoints().forEach(cp -> sb.append(
                (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9') || cp == '.' || cp == '_' || cp == '-'
                        ? (char) cp : '-'));
        // A leading dot would make a hidden folder (or "..") where the name is used as a path.
        for (int i = 0; i < sb.length() && sb.charAt(i) == '.'; i++) {
            sb.setCharAt(i, '-');
        }
        String name = sb.length() > MAX_LENGTH ? sb.substring(0, MAX_LENGTH) : sb.toString();
        return name.chars().allMatch(c -> c == '-') ? "corpus" : name;
    }
}
