package dev.ragworkbench.evaluation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

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
 * Reads eval sets from BEIR, TREC and SQuAD layouts. Every reader reads its files whole or throws
 * {@link MalformedFileException} naming the file and line.
 */
public final class EvalSetReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EvalSetReader() {
    }

    /**
     * A BEIR dataset directory: {@code queries.jsonl} and {@code qrels/<split>.tsv}; named
     * {@code <directory name>/<split>}.
     */
    public static EvalSet beirDirectory(Path dir, String split) throws IOException {
        String name = dir.toAbsolutePath().normalize().getFileName() + "/" + split;
        return beir(name, dir.resolve("queries.jsonl"), dir.resolve("qrels").resolve(split + ".tsv"));
    }

    /**
     * BEIR queries ({@code {"_id","text"}} per line) and a qrels file (BEIR TSV or TREC). Only queries with at
     * least one judgment in that qrels file are kept: BEIR ships all splits' queries in one file.
     */
    public static EvalSet beir(String name, Path queriesJsonl, Path qrelsFile) throws IOException {
        Qrels qrels = QrelsReader.read(qrelsFile);
        var all = readJsonlQueries(queriesJsonl);
        return judgedOnly(name, EvalSetFormat.BEIR, all, qrels, queriesJsonl, qrelsFile);
    }

    /**
     * TREC topics and TREC qrels. Topics are either JSONL ({@code {"_id","text"}}, recognised by a
     * {@code .jsonl}/{@code .json} extension or a first line starting with <code>{</code>) or TSV
     * {@code qid<TAB>text}. Like BEIR, only judged queries are kept.
     */
    public static EvalSet trec(String name, Path topics, Path qrelsFile) throws IOException {
        Qrels qrels = QrelsReader.read(qrelsFile);
        var all = looksLikeJsonl(topics) ? readJsonlQueries(topics) : readTsvTopics(topics);
        return judgedOnly(name, EvalSetFormat.TREC, all, qrels, topics, qrelsFile);
    }

    /**
     * Queries alone, for searching without judgments: JSONL {@code {"_id","text"}} or TSV {@code qid<TAB>text},
     * detected as for {@link #trec}, in file order.
     */
    public static SequencedMap<String, String> queries(Path file) throws IOException {
        return looksLikeJsonl(file) ? readJsonlQueries(file) : readTsvTopics(file);
    }

    /**
     * A SQuAD-format file (v1.1/v2.0, COVID-QA): each answerable question is a query, and its one relevant
     * document (grade 1) is the paragraph (context) it was asked about. The document id is the paragraph's
     * {@code document_id} when present (COVID-QA gives one per article, which is also what an importer keeps),
     * otherwise {@code <article index>-<paragraph index>}, both 0-based in file order, which is stable as long as
     * the file is. Questions marked {@code is_impossible} have no relevant context and are left out. Each answer
     * is a span of its document: the text and {@code answer_start} the file gives (the paragraph's context is the
     * document's text when they match), for the chunking preview's evidence marks; the first answer is the
     * question's reference answer.
     */
    public static EvalSet squad(String name, Path file) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new MalformedFileException(file, Math.max(line, 0), "not valid JSON: " + e.getOriginalMessage());
        }
        JsonNode data = root == null ? null : root.get("data");
        if (data == null || !data.isArray()) {
            throw new MalformedFileException(file, 0, "no \"data\" array (not a SQuAD file)");
        }
        var queries = new LinkedHashMap<String, String>();
        var judgments = new LinkedHashMap<String, SequencedMap<String, Integer>>();
        var answers = new LinkedHashMap<String, List<AnswerSpan>>();
        var references = new LinkedHashMap<String, EvalSet.Reference>();
        for (int a = 0; a < data.size(); a++) {
            JsonNode paragraphs = data.get(a).path("paragraphs");
            for (int p = 0; p < paragraphs.size(); p++) {
                JsonNode paragraph = paragraphs.get(p);
                JsonNode docIdNode = paragraph.get("document_id");
                String docId = docIdNode != null && !docIdNode.isNull() ? docIdNode.asText() : a + "-" + p;
                for (JsonNode qa : paragraph.path("qas")) {
                    if (qa.path("is_impossible").asBoolean(false)) {
                        continue;
                    }
                    String id = qa.path("id").asText("");
                    String question = qa.path("question").asText("");
                    if (id.isEmpty() || question.isBlank()) {
                        throw new MalformedFileException(file, 0,
                                "question without id or text in data[" + a + "].paragraphs[" + p + "]");
                    }
                    if (queries.putIfAbsent(id, question.strip()) != null) {
                        throw new MalformedFileException(file, 0, "question id '" + id + "' appears twice");
                    }
                    var docs = new LinkedHashMap<String, Integer>();
                    docs.put(docId, 1);
                    judgments.put(id, docs);
                    for (JsonNode answer : qa.path("answers")) {
                        String text = answer.path("text").asText("");
                        if (!text.isBlank()) {
                            references.putIfAbsent(id, new EvalSet.Reference(text, List.of()));
                            answers.computeIfAbsent(docId, k -> new ArrayList<>()).add(new AnswerSpan(docId, id,
                                    question, text, answer.path("answer_start").asInt(-1)));
                        }
                    }
                }
            }
        }
        return new EvalSet(name, EvalSetFormat.SQUAD, queries, references, new Qrels(judgments), answers);
    }

    private static EvalSet judgedOnly(String name, EvalSetFormat format, SequencedMap<String, String> all, Qrels qrels,
                                      Path queriesFile, Path qrelsFile) throws MalformedFileException {
        var judged = new LinkedHashMap<String, String>();
        all.forEach((id, text) -> {
            if (qrels.queryIds().contains(id)) {
                judged.put(id, text);
            }
        });
        for (String q : qrels.queryIds()) {
            if (!all.containsKey(q)) {
                throw new MalformedFileException(qrelsFile, 0,
                        "query '" + q + "' is judged but absent from " + queriesFile);
            }
        }
        return new EvalSet(name, format, judged, Map.of(), qrels, Map.of());
    }

    private static boolean looksLikeJsonl(Path file) throws IOException {
        String fileName = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (fileName.endsWith(".jsonl") || fileName.endsWith(".json")) {
            return true;
        }
        for (String line : TextLines.read(file)) {
            if (!line.isBlank()) {
                return line.strip().startsWith("{");
            }
        }
        return false;
    }

    static SequencedMap<String, String> readJsonlQueries(Path file) throws IOException {
        var queries = new LinkedHashMap<String, String>();
        Map<String, Integer> lineOf = new HashMap<>();
        for (var json : TextLines.jsonObjects(file, JSON, "\"_id\" and \"text\"")) {
            JsonNode id = json.object().get("_id");
            JsonNode text = json.object().get("text");
            if (id == null || !id.isValueNode() || id.asText().isEmpty()) {
                throw new MalformedFileException(file, json.line(), "missing or empty \"_id\"");
            }
            if (text == null || !text.isTextual()) {
                throw new MalformedFileException(file, json.line(), "missing \"text\" string");
            }
            add(file, json.line(), queries, lineOf, id.asText(), text.asText());
        }
        return queries;
    }

    static SequencedMap<String, String> readTsvTopics(Path file) throws IOException {
        List<String> lines = TextLines.read(file);
        var queries = new LinkedHashMap<String, String>();
        Map<String, Integer> lineOf = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            int tab = line.indexOf('\t');
            if (tab < 0) {
                throw new MalformedFileException(file, i + 1, "expected 'query id<TAB>text' but found no tab");
            }
            String id = line.substring(0, tab).strip();
            String text = line.substring(tab + 1).strip();
            if (i == 0 && isTopicsHeader(id)) {
                continue;
            }
            if (id.isEmpty()) {
                throw new MalformedFileException(file, i + 1, "empty query id");
            }
            add(file, i + 1, queries, lineOf, id, text);
        }
        return queries;
    }

    private static boolean isTopicsHeader(String firstField) {
        return switch (firstField.toLowerCase(Locale.ROOT)) {
            case "qid", "query-id", "query_id", "_id", "id" -> true;
            default -> false;
        };
    }

    private static void add(Path file, int line, Map<String, String> queries, Map<String, Integer> lineOf,
                            String id, String text) throws MalformedFileException {
        Integer first = lineOf.putIfAbsent(id, line);
        if (first != null) {
            throw new MalformedFileException(file, line, "query id '" + id + "' appears twice (first on line "
                    + first + ")");
        }
        queries.put(id, text);
    }
}
