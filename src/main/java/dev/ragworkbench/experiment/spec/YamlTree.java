package dev.ragworkbench.experiment.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;

/**
 * YAML read into a tree that remembers where each node starts. Jackson's {@code JsonNode} drops locations,
 * and error messages must point at the offending node, so the tree is built here from the streaming parser.
 * Scalars keep their source text ({@code 0.90} stays {@code 0.90}) and the token type YAML resolved.
 */
final class YamlTree {

    private static final YAMLFactory FACTORY = new YAMLFactory();

    private YamlTree() {
    }

    sealed interface Node {
        int line();

        int column();

        /** What the node is, for "expected a list but got a mapping" messages. */
        String describe();
    }

    /** A plain value; {@code token} says how YAML resolved it (string, int, float, boolean, null). */
    record Scalar(String text, JsonToken token, int line, int column) implements Node {
        boolean isNull() {
            return token == JsonToken.VALUE_NULL;
        }

        @Override
        public String describe() {
            return isNull() ? "nothing" : "'" + text + "'";
        }
    }

    /** A key with its own location (for "unknown key" errors) and its value. */
    record Entry(String key, int line, int column, Node value) {
    }

    record MapNode(SequencedMap<String, Entry> entries, int line, int column) implements Node {
        @Override
        public String describe() {
            return "a mapping";
        }
    }

    record ListNode(List<Node> items, int line, int column) implements Node {
        @Override
        public String describe() {
            return "a list";
        }
    }

    /**
     * Parses one YAML document. Syntax errors, duplicate keys and aliases are added to {@code problems}; on a
     * syntax error the result is {@code null} since nothing after it can be trusted.
     */
    static Node parse(String text, List<Problem> problems) {
        try (var parser = (YAMLParser) FACTORY.createParser(text)) {
            if (parser.nextToken() == null) {
                problems.add(new Problem(1, 1, "the spec is empty"));
                return null;
            }
            Node root = read(parser, problems);
            if (parser.nextToken() != null) {
                JsonLocation at = parser.currentTokenLocation();
                problems.add(new Problem(line(at), column(at), "a spec is one YAML document; remove this second one"));
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            problems.add(new Problem(at == null ? 1 : line(at), at == null ? 1 : column(at),
                    "not valid YAML: " + firstLine(e.getOriginalMessage())));
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading from a String does no I/O
        }
    }

    private static Node read(YAMLParser parser, List<Problem> problems) throws IOException {
        JsonLocation at = parser.currentTokenLocation();
        int line = line(at);
        int column = column(at);
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> {
                var entries = new LinkedHashMap<String, Entry>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    JsonLocation keyAt = parser.currentTokenLocation();
                    String key = parser.currentName();
                    parser.nextToken();
                    Node value = read(parser, problems);
                    var entry = new Entry(key, line(keyAt), column(keyAt), value);
                    Entry first = entries.putIfAbsent(key, entry);
                    if (first != null) {
                        problems.add(new Problem(entry.line(), entry.column(),
                                "key '" + key + "' given twice (first on line " + first.line() + ")"));
                    }
                }
                return new MapNode(Collections.unmodifiableSequencedMap(entries), line, column);
            }
            case START_ARRAY -> {
                var items = new ArrayList<Node>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    items.add(read(parser, problems));
                }
                return new ListNode(List.copyOf(items), line, column);
            }
            default -> {
                if (parser.isCurrentAlias()) {
                    // Jackson's streaming parser reports an alias as its anchor's name, not its value.
                    problems.add(new Problem(line, column, "YAML aliases (*" + parser.getText()
                            + ") are not supported in specs; write the value out"));
                }
                String text = token == JsonToken.VALUE_NULL ? "" : parser.getText();
                return new Scalar(text, token, line, column);
            }
        }
    }

    private static int line(JsonLocation at) {
        return Math.max(1, at.getLineNr());
    }

    private static int column(JsonLocation at) {
        return Math.max(1, at.getColumnNr());
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("").strip();
    }
}
