package dev.ragworkbench.evaluation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.DeserializationFeature;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code json_field_accuracy}, for structured extraction: the share of the expected JSON's leaf fields, as
 * flattened paths ({@code party.name}, {@code dates[0]}), whose value the output has at the same path. Values
 * match when equal as JSON (numbers by value: {@code 1} = {@code 1.0}; strings exactly). An output that is not
 * JSON scores 0 with its parse error kept; an output wrapped in one Markdown code fence is read inside it. An
 * expected output that is not JSON cannot be scored.
 */
public final class JsonFieldAccuracy implements AnswerMetric.PerPair {

    public static final String NAME = "json_field_accuracy";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Pattern FENCE = Pattern.compile("(?s)^```[A-Za-z]*\\s*\\n(.*?)\\n?```$");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public MetricType type() {
        return MetricType.SCORE;
    }

    @Override
    public AnswerScore score(String output, String expected) {
        JsonNode gold;
        try {
            gold = parse(expected);
        } catch (JsonProcessingException e) {
            return AnswerScore.unscored("the expected output is not JSON: " + message(e));
        }
        JsonNode pred;
        try {
            pred = parse(output);
        } catch (JsonProcessingException e) {
            return AnswerScore.of(0, "the output is not JSON: " + message(e));
        }
        Map<String, JsonNode> want = flatten(gold);
        Map<String, JsonNode> got = flatten(pred);
        int matched = 0;
        var missed = new java.util.ArrayList<String>();
        for (var e : want.entrySet()) {
            if (same(e.getValue(), got.get(e.getKey()))) {
                matched++;
            } else {
                missed.add(e.getKey());
            }
        }
        double value = (double) matched / want.size();
        return missed.isEmpty() ? AnswerScore.of(value)
                : AnswerScore.of(value, "fields not matched: " + String.join(", ", missed.subList(0,
                        Math.min(10, missed.size()))) + (missed.size() > 10 ? ", …" : ""));
    }

    private static JsonNode parse(String text) throws JsonProcessingException {
        String s = text.strip();
        var fenced = FENCE.matcher(s);
        if (fenced.matches()) {
            s = fenced.group(1).strip();
        }
        if (s.isEmpty()) {
            throw new EmptyJson();
        }
        return JSON.readTree(s);
    }

    /** Leaf path → value; an empty object or list is a leaf itself, so {@code {}} still has one field. */
    static Map<String, JsonNode> flatten(JsonNode node) {
        var out = new LinkedHashMap<String, JsonNode>();
        flatten(node, "", out);
        if (out.isEmpty()) {
            out.put("", node);
        }
        return out;
    }

    private static void flatten(JsonNode node, String path, Map<String, JsonNode> out) {
        if (node.isObject() && !node.isEmpty()) {
            node.properties().forEach(e -> flatten(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), out));
        } else if (node.isArray() && !node.isEmpty()) {
            for (int i = 0; i < node.size(); i++) {
                flatten(node.get(i), path + "[" + i + "]", out);
            }
        } else {
            out.put(path, node);
        }
    }

    private static boolean same(JsonNode want, JsonNode got) {
        if (got == null) {
            return false;
        }
        if (want.isNumber() && got.isNumber()) {
            return want.decimalValue().compareTo(got.decimalValue()) == 0;
        }
        return want.equals(got);
    }

    private static String message(JsonProcessingException e) {
        String m = e.getOriginalMessage();
        var loc = e.getLocation();
        String first = m == null ? "unreadable" : m.lines().findFirst().orElse(m);
        return loc == null || loc.getLineNr() < 1 ? first
                : first + " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
    }

    private static final class EmptyJson extends JsonProcessingException {
        EmptyJson() {
            super("the text is empty");
        }
    }
}
