package dev.ragworkbench.experiment.spec;

import com.fasterxml.jackson.core.JsonToken;
import dev.ragworkbench.experiment.spec.YamlTree.ListNode;
import dev.ragworkbench.experiment.spec.YamlTree.MapNode;
import dev.ragworkbench.experiment.spec.YamlTree.Node;
import dev.ragworkbench.experiment.spec.YamlTree.Scalar;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What every section reader of a spec shares: reading a located YAML node as a value of the expected type, and
 * recording each problem at its node (file:line:col), so one pass reports everything wrong. Relative paths
 * resolve against the spec file's folder.
 */
final class SpecNodes {

    final List<Problem> problems = new ArrayList<>();
    private final Path base;

    SpecNodes(Path source) {
        Path parent = source.toAbsolutePath().normalize().getParent();
        this.base = parent == null ? Path.of("").toAbsolutePath() : parent;
    }

    Optional<Node> optional(MapNode map, String key) {
        var entry = map.entries().get(key);
        return entry == null || entry.value() instanceof Scalar s && s.isNull()
                ? Optional.empty() : Optional.of(entry.value());
    }

    /** The value of {@code key}, or a problem at the mapping (where the key belongs) when it is missing or empty. */
    Optional<Node> required(MapNode map, String where, String key) {
        var entry = map.entries().get(key);
        if (entry == null) {
            problem(map, where + " needs '" + key + "'");
            return Optional.empty();
        }
        if (entry.value() instanceof Scalar s && s.isNull()) {
            problem(entry, "'" + key + "' has no value");
            return Optional.empty();
        }
        return Optional.of(entry.value());
    }

    void requirePresent(MapNode map, String where, String key) {
        if (!map.entries().containsKey(key)) {
            problem(map, where + " needs '" + key + "'");
        } else if (map.entries().get(key).value() instanceof Scalar s && s.isNull()) {
            problem(map.entries().get(key), "'" + key + "' has no value");
        }
    }

    void checkKeys(MapNode map, String where, List<String> allowed) {
        for (var entry : map.entries().values()) {
            if (!allowed.contains(entry.key())) {
                problem(entry, "unknown key '" + entry.key() + "' in " + where + "; expected one of: "
                        + String.join(", ", allowed));
            }
        }
    }

    /** A list's items; a single value is accepted as a one-item axis. */
    List<Node> items(Node node, String key) {
        if (node instanceof ListNode list) {
            if (list.items().isEmpty()) {
                problem(node, "'" + key + "' lists nothing; give at least one item");
            }
            return list.items();
        }
        return List.of(node);
    }

    MapNode map(Node node, String what) {
        if (node instanceof MapNode map) {
            return map;
        }
        problem(node, what + " must be a mapping (key: value), got " + node.describe());
        return null;
    }

    String string(Node node, String what) {
        if (node instanceof Scalar s && !s.isNull()) {
            return s.text();
        }
        problem(node, what + " must be a single value, got " + node.describe());
        return null;
    }

    Integer integer(Node node, String what, int min, int max) {
        if (!(node instanceof Scalar s) || s.token() != JsonToken.VALUE_NUMBER_INT) {
            problem(node, what + " must be a whole number, got " + node.describe());
            return null;
        }
        try {
            int value = Integer.parseInt(s.text().replace("_", ""));
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // out of int range: reported below
        }
        problem(node, what + " must be between " + min + " and " + max + ", got " + s.text());
        return null;
    }

    Long seed(Node node) {
        if (node instanceof Scalar s && s.token() == JsonToken.VALUE_NUMBER_INT) {
            try {
                return Long.parseLong(s.text().replace("_", ""));
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        problem(node, "sample seed must be a whole number, got " + node.describe());
        return null;
    }

    Path existingFile(Node node, String what) {
        Path path = existing(node, what);
        if (path != null && !Files.isRegularFile(path)) {
            problem(node, what + " " + path + " is a folder, not a file");
            return null;
        }
        return path;
    }

    Path existing(Node node, String what) {
        String text = string(node, what);
        Path path = text == null ? null : resolve(node, text);
        if (path != null && !Files.exists(path)) {
            problem(node, what + " '" + text + "' does not exist (looked for " + path + ")");
            return null;
        }
        return path == null ? null : real(path);
    }

    /**
     * Symbolic links resolved, so the same data reached through different checkouts (or links to it) gets the
     * same {@code corpus.path} in run records and runs stay comparable.
     */
    static Path real(Path path) {
        try {
            return path.toRealPath();
        } catch (java.io.IOException e) {
            return path;
        }
    }

    /** Relative paths are relative to the spec file's folder, so a spec means the same from any directory. */
    Path resolve(Node node, String text) {
        try {
            return base.resolve(text.strip()).normalize();
        } catch (InvalidPathException e) {
            problem(node, "'" + text + "' is not a valid path: " + e.getReason());
            return null;
        }
    }

    <T> Optional<T> attempt(Node node, java.util.function.Supplier<T> parse) {
        try {
            return Optional.of(parse.get());
        } catch (IllegalArgumentException e) {
            problem(node, e.getMessage());
            return Optional.empty();
        }
    }

    void problem(Node node, String message) {
        problems.add(new Problem(node.line(), node.column(), message));
    }

    void problem(YamlTree.Entry entry, String message) {
        problems.add(new Problem(entry.line(), entry.column(), message));
    }
}
