package dev.ragworkbench.generation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The user's API keys, kept outside every workspace in a JSON object of model name → key that only the user may
 * read (mode 0600): Linux {@code $XDG_CONFIG_HOME/RAGWorkbench/keys.json} (default {@code ~/.config}), macOS
 * {@code ~/Library/Application Support/RAGWorkbench}, Windows {@code %APPDATA%\RAGWorkbench}. A file that
 * others may read is refused, with the command that fixes it, rather than used.
 */
public final class KeysFile {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Path file;

    public KeysFile(Path file) {
        this.file = file.toAbsolutePath();
    }

    /**
     * The keys file of this machine's OS and user, or the one {@code -Dragworkbench.keys.file} names (tests, and
     * users who keep their keys elsewhere).
     */
    public static KeysFile standard() {
        String override = System.getProperty("ragworkbench.keys.file");
        if (override != null && !override.isBlank()) {
            return new KeysFile(Path.of(override));
        }
        return new KeysFile(location(System.getProperty("os.name", ""), System.getenv(),
                Path.of(System.getProperty("user.home"))));
    }

    /** Where the keys file of an OS named {@code osName} is, given the environment and the user's home. */
    public static Path location(String osName, Map<String, String> env, Path home) {
        String os = osName.toLowerCase(Locale.ROOT);
        Path base;
        if (os.contains("win")) {
            String appData = env.get("APPDATA");
            base = appData != null && !appData.isBlank() ? Path.of(appData) : home.resolve("AppData").resolve("Roaming");
        } else if (os.contains("mac")) {
            base = home.resolve("Library").resolve("Application Support");
        } else {
            String config = env.get("XDG_CONFIG_HOME");
            base = config != null && !config.isBlank() ? Path.of(config) : home.resolve(".config");
        }
        return base.resolve("RAGWorkbench").resolve("keys.json");
    }

    public Path file() {
        return file;
    }

    /** The key stored for {@code modelName}; empty when the file or the entry is missing. */
    public Optional<String> key(String modelName) {
        return Optional.ofNullable(read().get(modelName));
    }

    /** The names of the models with a stored key. */
    public Set<String> models() {
        return read().keySet();
    }

    /** Stores (or replaces) {@code modelName}'s key; the file and its folder are created for the user only. */
    public synchronized void put(String modelName, String key) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("an empty key cannot be stored; remove it instead");
        }
        var keys = new TreeMap<>(read());
        keys.put(modelName, key.strip());
        write(keys);
    }

    /** Forgets {@code modelName}'s key; false when none was stored. */
    public synchronized boolean remove(String modelName) {
        var keys = new TreeMap<>(read());
        if (keys.remove(modelName) == null) {
            return false;
        }
        write(keys);
        return true;
    }

    private Map<String, String> read() {
        if (!Files.exists(file)) {
            return Map.of();
        }
        checkOwnerOnly();
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            // never the parser's message: it quotes the text around the error, which is a key
            throw new IllegalStateException("keys file " + file + " is not a JSON object of model name to key");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalStateException("keys file " + file + " is not a JSON object of model name to key");
        }
        var keys = new TreeMap<String, String>();
        root.properties().forEach(e -> {
            if (e.getValue().isTextual()) {
                keys.put(e.getKey(), e.getValue().asText());
            }
        });
        return keys;
    }

    private void checkOwnerOnly() {
        var view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view == null) {
            return; // no POSIX modes (Windows): the folder under %APPDATA% is the user's own
        }
        try {
            var perms = view.readAttributes().permissions();
            var wider = perms.stream().filter(p -> !OWNER_ONLY.contains(p)).findAny();
            if (wider.isPresent()) {
                throw new IllegalStateException("keys file " + file + " may be read by others (mode "
                        + PosixFilePermissions.toString(perms) + "); make it yours only with: chmod 600 " + file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the mode of keys file " + file, e);
        }
    }

    private void write(Map<String, String> keys) {
        ObjectNode root = JSON.createObjectNode();
        keys.forEach(root::put);
        try {
            Path dir = file.getParent();
            boolean posix = Files.getFileStore(Files.exists(dir) ? dir : existingAncestor(dir))
                    .supportsFileAttributeView(PosixFileAttributeView.class);
            if (!Files.exists(dir)) {
                if (posix) {
                    Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rwx------")));
                } else {
                    Files.createDirectories(dir);
                }
            }
            // created 0600 before a byte of it is written, then moved over the old file in one step
            FileAttribute<?>[] attrs = posix
                    ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                    : new FileAttribute<?>[0];
            Path tmp = Files.createTempFile(dir, ".keys", ".tmp", attrs);
            try {
                Files.writeString(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root),
                        StandardCharsets.UTF_8);
                try {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write keys file " + file + ": " + e.getMessage(), e);
        }
    }

    private static Path existingAncestor(Path dir) {
        Path p = dir;
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        return p == null ? Path.of(".").toAbsolutePath() : p;
    }
}
