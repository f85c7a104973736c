package dev.ragworkbench.workspace;

import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The schema version the migration files in {@code db/migration} lead to, read from that one folder's listing (a
 * directory in development, a jar in the app) instead of a hand-kept constant, and without Flyway's class path
 * scan. Versions are Flyway's: {@code V3__x.sql} is 3, {@code V9_2__y.sql} is 9.2 (see
 * {@code docs/decisions/0005-migration-numbering.md}).
 */
final class Migrations {

    static final String LOCATION = "db/migration";
    private static final Pattern FILE = Pattern.compile("V(\\d+(?:[._]\\d+)*)__[^/]*\\.sql");

    private Migrations() {
    }

    /** The newest version in the folder, or empty when it cannot be listed (then Flyway always checks). */
    static Optional<String> newest() {
        try {
            return newest(fileNames());
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The newest version among these migration file names (others are ignored). */
    static Optional<String> newest(List<String> fileNames) {
        return fileNames.stream().map(FILE::matcher).filter(Matcher::matches)
                .map(m -> m.group(1).replace('_', '.'))
                .max(Comparator.comparing(Migrations::segments, Migrations::compareSegments));
    }

    /** Whether two versions are the same (Flyway's {@code 3} and {@code 3.0} are). */
    static boolean same(String a, String b) {
        return a != null && b != null && compareSegments(segments(a), segments(b)) == 0;
    }

    /** The migration files' names in the order Flyway applies them (by version). */
    static List<String> inOrder() throws IOException, URISyntaxException {
        return inOrder(fileNames());
    }

    /** These migration file names (others dropped) in the order Flyway applies them. */
    static List<String> inOrder(List<String> fileNames) {
        return fileNames.stream().filter(n -> FILE.matcher(n).matches())
                .sorted(Comparator.comparing(Migrations::versionOf, Migrations::compareVersions)).toList();
    }

    /** Flyway's version of a migration file name: {@code V10_1__x.sql} is {@code 10.1}. */
    static String versionOf(String fileName) {
        Matcher m = FILE.matcher(fileName);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a migration file name: " + fileName);
        }
        return m.group(1).replace('_', '.');
    }

    /** Flyway's description of a migration file name: {@code V10_1__document_text.sql} is {@code document text}. */
    static String descriptionOf(String fileName) {
        String rest = fileName.substring(fileName.indexOf("__") + 2);
        return rest.substring(0, rest.length() - ".sql".length()).replace('_', ' ');
    }

    private static int compareVersions(String a, String b) {
        return compareSegments(segments(a), segments(b));
    }

    private static List<String> fileNames() throws IOException, URISyntaxException {
        URL folder = Migrations.class.getClassLoader().getResource(LOCATION);
        return folder == null ? List.of() : listing(folder);
    }

    /** The names of the files in the folder at {@code folder}: a directory or a jar's entry. */
    static List<String> listing(URL folder) throws IOException, URISyntaxException {
        return switch (folder.getProtocol()) {
            case "file" -> {
                try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
                    yield files.map(f -> f.getFileName().toString()).toList();
                }
            }
            case "jar" -> {
                var connection = (JarURLConnection) folder.openConnection();
                connection.setUseCaches(false);
                var names = new ArrayList<String>();
                try (JarFile jar = connection.getJarFile()) {
                    String prefix = LOCATION + "/";
                    for (var entries = jar.entries(); entries.hasMoreElements(); ) {
                        JarEntry entry = entries.nextElement();
                        if (entry.getName().startsWith(prefix) && entry.getName().length() > prefix.length()) {
                            names.add(entry.getName().substring(prefix.length()));
                        }
                    }
                }
                yield names;
            }
            default -> throw new IOException("cannot list " + folder);
        };
    }

    private static long[] segments(String version) {
        String[] parts = version.split("\\.");
        long[] numbers = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            numbers[i] = Long.parseLong(parts[i]);
        }
        return numbers;
    }

    /** Segment by segment; missing trailing segments count as 0, as in Flyway. */
    private static int compareSegments(long[] a, long[] b) {
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            int c = Long.compare(i < a.length ? a[i] : 0, i < b.length ? b[i] : 0);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
