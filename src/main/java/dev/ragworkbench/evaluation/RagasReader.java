package dev.ragworkbench.evaluation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SequencedMap;

/**
 * Ragas-style eval sets: one item per JSONL line or CSV row, with a {@code question} (or {@code user_input}),
 * a {@code ground_truth} (or {@code reference}) answer, and {@code contexts} (or {@code reference_contexts}):
 * the passages that answer it. Such sets name no documents, so relevance is derived: a document is relevant
 * to an item when its text contains one of the item's reference contexts (compared with white space folded and
 * case ignored, since contexts are often copied out of a differently wrapped rendering).
 */
public final class RagasReader {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES) // pandas writes Python list reprs into CSV cells
            .enable(JsonReadFeature.ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER)
            .build();

    private RagasReader() {
    }

    /** One item as read; {@code line} is its 1-based line (JSONL) or row (CSV, after the header). */
    public record Item(String id, String question, String reference, List<String> contexts, long line) {
    }

    public static List<Item> read(Path file) throws IOException {
        boolean csv = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
        return csv ? readCsv(file) : readJsonl(file);
    }

    /**
     * The judged queries for {@code documents} (id → text): each item whose contexts occur in at least one
     * document becomes a query, with its reference answer and contexts. Each reference context is an answer
     * span where it occurs in a relevant document: the span gives the document's own text (white space as the
     * document has it), for the chunking preview's evidence marks. Fails when no context occurs anywhere: the
     * set belongs to another corpus.
     */
    public static EvalSet evalSet(String name, Path file, Map<String, String> documents) throws IOException {
        var items = read(file);
        var folded = new LinkedHashMap<String, String>();
        documents.forEach((id, text) -> folded.put(id, fold(text)));
        // offsets are needed only in the documents a context occurs in: fold those again, keeping them
        var located = new HashMap<String, FoldedText>();
        var queries = new LinkedHashMap<String, String>();
        var judgments = new LinkedHashMap<String, SequencedMap<String, Integer>>();
        var spans = new LinkedHashMap<String, List<AnswerSpan>>();
        var references = new LinkedHashMap<String, EvalSet.Reference>();
        for (Item item : items) {
            var relevant = new LinkedHashMap<String, Integer>();
            for (String context : item.contexts()) {
                String needle = fold(context);
                if (needle.isEmpty()) {
                    continue;
                }
                folded.forEach((id, text) -> {
                    if (text.contains(needle)) {
                        relevant.put(id, 1);
                        String original = documents.get(id);
                        int[] at = located.computeIfAbsent(id, k -> new FoldedText(original)).find(needle, -1);
                        spans.computeIfAbsent(id, k -> new ArrayList<>()).add(new AnswerSpan(id, item.id(),
                                item.question(), original.substring(at[0], at[1]), at[0]));
                    }
                });
            }
            if (!relevant.isEmpty()) {
                queries.put(item.id(), item.question());
                judgments.put(item.id(), relevant);
                references.put(item.id(), new EvalSet.Reference(item.reference(), item.contexts()));
            }
        }
        if (queries.isEmpty() && !items.isEmpty()) {
            throw new MalformedFileException(file, 0, "none of its " + items.size() + " items has a reference"
                    + " context that occurs in any of the corpus's " + documents.size() + " documents");
        }
        return new EvalSet(name, EvalSetFormat.RAGAS, queries, references, new Qrels(judgments), spans);
    }

    static String fold(String text) {
        return FoldedText.fold(text);
    }

    private static List<Item> readJsonl(Path file) throws IOException {
        var items = new ArrayList<Item>();
        for (var json : TextLines.jsonObjects(file, JSON, "a question and its reference contexts")) {
            items.add(item(file, json.line(), json.object()::get, items.size()));
        }
        return checkUnique(file, items);
    }

    private static List<Item> readCsv(Path file) throws IOException {
        var items = new ArrayList<Item>();
        var mapper = new CsvMapper();
        try (var it = mapper.readerForMapOf(String.class).with(CsvSchema.emptySchema().withHeader())
                .<Map<String, String>>readValues(file.toFile())) {
            long row = 1;
            while (it.hasNextValue()) {
                row++;
                Map<String, String> values;
                try {
                    values = it.nextValue();
                } catch (RuntimeException e) {
                    throw new MalformedFileException(file, row, "unreadable CSV row: " + e.getMessage());
                }
                items.add(item(file, row, key -> values.containsKey(key)
                        ? JSON.getNodeFactory().textNode(values.get(key)) : null, items.size()));
            }
        }
        return checkUnique(file, items);
    }

    private interface Field {
        JsonNode get(String key);
    }

    private static Item item(Path file, long line, Field field, int index) throws MalformedFileException {
        String question = text(first(field, "question", "user_input"));
        if (question == null || question.isBlank()) {
            throw new MalformedFileException(file, line, "no question (expected a 'question' or 'user_input' field)");
        }
        String reference = text(first(field, "ground_truth", "reference", "answer"));
        JsonNode contextsNode = first(field, "contexts", "reference_contexts", "context");
        if (contextsNode == null) {
            throw new MalformedFileException(file, line,
                    "no reference contexts (expected a 'contexts' or 'reference_contexts' field)");
        }
        List<String> contexts = contexts(file, line, contextsNode);
        String id = text(first(field, "id", "_id", "query_id"));
        return new Item(id == null || id.isBlank() ? "q" + (index + 1) : id, question.strip(), reference, contexts,
                line);
    }

    private static List<String> contexts(Path file, long line, JsonNode node) throws MalformedFileException {
        JsonNode list = node;
        if (node.isTextual()) {
            String s = node.asText().strip();
            if (!s.startsWith("[")) {
                return List.of(s); // a single context in a plain cell
            }
            try {
                list = JSON.readTree(s);
            } catch (JsonProcessingException e) {
                throw new MalformedFileException(file, line, "contexts are not a list: " + e.getOriginalMessage());
            }
        }
        if (!list.isArray()) {
            throw new MalformedFileException(file, line, "contexts must be a list of strings");
        }
        var result = new ArrayList<String>();
        for (JsonNode c : list) {
            if (!c.isTextual()) {
                throw new MalformedFileException(file, line, "contexts must be a list of strings");
            }
            result.add(c.asText());
        }
        return result;
    }

    private static JsonNode first(Field field, String... keys) {
        for (String key : keys) {
            JsonNode v = field.get(key);
            if (v != null && !v.isNull()) {
                return v;
            }
        }
        return null;
    }

    private static String text(JsonNode node) {
        return node == null ? null : node.isTextual() ? node.asText() : node.toString();
    }

    private static List<Item> checkUnique(Path file, List<Item> items) throws MalformedFileException {
        var seen = new LinkedHashMap<String, Long>();
        for (Item item : items) {
            Long before = seen.putIfAbsent(item.id(), item.line());
            if (before != null) {
                throw new MalformedFileException(file, item.line(), "item id '" + item.id() + "' already used on line "
                        + before);
            }
        }
        return items;
    }
}
