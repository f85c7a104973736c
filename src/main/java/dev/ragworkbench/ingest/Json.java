package dev.ragworkbench.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The JSON of the {@code metadata} and {@code page_starts} columns. */
final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<TreeMap<String, String>> MAP = new TypeReference<>() { };
    private static final TypeReference<List<Integer>> INTS = new TypeReference<>() { };

    private Json() {
    }

    /** Keys sorted, so equal metadata always gives equal JSON (the store compares the text). */
    static String metadata(Map<String, String> metadata) {
        return metadata.isEmpty() ? "{}" : write(new TreeMap<>(metadata));
    }

    static String pageStarts(List<Integer> pageStarts) {
        return pageStarts.isEmpty() ? "[]" : write(pageStarts);
    }

    static Map<String, String> metadata(String json) {
        return json.equals("{}") ? Map.of() : read(json, MAP);
    }

    static List<Integer> pageStarts(String json) {
        return json.equals("[]") ? List.of() : read(json, INTS);
    }

    private static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("strings and ints always serialise", e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt JSON in the document table: " + e.getOriginalMessage(), e);
        }
    }
}
