package dev.ragworkbench.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ragworkbench.evaluation.TestSet.TestSetFormat;
import dev.ragworkbench.generation.ChatMessage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;

/**
 * Reads a test set from JSONL, one item a line, in either format people fine-tune with: Alpaca
 * ({@code instruction}, optional {@code input}, {@code output}) or chat ({@code messages}, the last assistant
 * message being the expected output). An item's {@code id} is its {@code id} field, else its line number. The
 * file is read whole: the first malformed line throws {@link MalformedFileException} with the file and line, and
 * nothing of the file is kept. Blank lines are skipped; every item of one file has the same format.
 */
public final class TestSetReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TestSetReader() {
    }

    public static TestSet read(Path file) throws MalformedFileException {
        String name = String.valueOf(file.getFileName()).replaceFirst("(?i)\\.jsonl?$", "");
        return read(file, name);
    }

    public static TestSet read(Path file, String name) throws MalformedFileException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MalformedFileException(file, 0, "cannot read the test set (" + e.getMessage() + ")");
        }
        var items = new ArrayList<TestItem>();
        var firstLineOf = new HashMap<String, Integer>();
        TestSetFormat format = null;
        for (int i = 0; i < lines.size(); i++) {
            int lineNo = i + 1;
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (IOException e) {
                throw new MalformedFileException(file, lineNo, "not a JSON object");
            }
            if (node == null || !node.isObject()) {
                throw new MalformedFileException(file, lineNo, "not a JSON object");
            }
            TestSetFormat lineFormat = node.has("messages") ? TestSetFormat.CHAT : TestSetFormat.ALPACA;
            if (format == null) {
                format = lineFormat;
            } else if (format != lineFormat) {
                throw new MalformedFileException(file, lineNo, "a " + lineFormat.id() + " item in a "
                        + format.id() + " test set; keep one format per file");
            }
            String id = id(file, lineNo, node);
            Integer first = firstLineOf.putIfAbsent(id, lineNo);
            if (first != null) {
                throw new MalformedFileException(file, lineNo, "id '" + id + "' already on line " + first);
            }
            items.add(lineFormat == TestSetFormat.CHAT ? chat(file, lineNo, id, node) : alpaca(file, lineNo, id, node));
        }
        if (items.isEmpty()) {
            throw new MalformedFileException(file, 0, "the test set has no items");
        }
        return new TestSet(name, file.toAbsolutePath().normalize(), format, items);
    }

    private static String id(Path file, int lineNo, JsonNode node) throws MalformedFileException {
        JsonNode id = node.get("id");
        if (id == null || id.isNull()) {
            return Integer.toString(lineNo);
        }
        if (id.isContainerNode() || id.asText().isBlank()) {
            throw new MalformedFileException(file, lineNo, "\"id\" must be a string or a number");
        }
        return id.asText();
    }

    private static TestItem alpaca(Path file, int lineNo, String id, JsonNode node) throws MalformedFileException {
        String instruction = text(file, lineNo, node, "instruction", true);
        String input = text(file, lineNo, node, "input", false);
        String output = text(file, lineNo, node, "output", true);
        return TestItem.alpaca(id, instruction, input, output);
    }

    private static String text(Path file, int lineNo, JsonNode node, String field, boolean required)
            throws MalformedFileException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new MalformedFileException(file, lineNo, "missing \"" + field + "\" (an Alpaca item has "
                        + "\"instruction\", optional \"input\" and \"output\"; a chat item has \"messages\")");
            }
            return "";
        }
        if (!value.isTextual()) {
            throw new MalformedFileException(file, lineNo, "\"" + field + "\" must be a string");
        }
        return value.asText();
    }

    /** The last assistant message is expected; the user message before it is the instruction; the rest history. */
    private static TestItem chat(Path file, int lineNo, String id, JsonNode node) throws MalformedFileException {
        JsonNode messages = node.get("messages");
        if (!messages.isArray() || messages.isEmpty()) {
            throw new MalformedFileException(file, lineNo, "\"messages\" must be a list of {\"role\", \"content\"}");
        }
        var all = new ArrayList<ChatMessage>();
        for (int m = 0; m < messages.size(); m++) {
            JsonNode message = messages.get(m);
            JsonNode role = message.get("role");
            JsonNode content = message.get("content");
            if (role == null || !role.isTextual() || content == null || !content.isTextual()) {
                throw new MalformedFileException(file, lineNo, "message " + (m + 1)
                        + " needs a \"role\" and a \"content\" (strings)");
            }
            ChatMessage.Role r = switch (role.asText().toLowerCase(Locale.ROOT)) {
                case "system" -> ChatMessage.Role.SYSTEM;
                case "user", "human" -> ChatMessage.Role.USER;
                case "assistant", "gpt", "model" -> ChatMessage.Role.ASSISTANT;
                default -> throw new MalformedFileException(file, lineNo, "message " + (m + 1) + " has role '"
                        + role.asText() + "'; expected system, user or assistant");
            };
            all.add(new ChatMessage(r, content.asText()));
        }
        if (all.getLast().role() != ChatMessage.Role.ASSISTANT) {
            throw new MalformedFileException(file, lineNo, "the last message must be the assistant's (the expected output)");
        }
        if (all.size() < 2 || all.get(all.size() - 2).role() != ChatMessage.Role.USER) {
            throw new MalformedFileException(file, lineNo, "the expected (last assistant) message must follow a user message");
        }
        String expected = all.getLast().text();
        String instruction = all.get(all.size() - 2).text();
        return new TestItem(id, instruction, "", expected, all.subList(0, all.size() - 2));
    }
}
