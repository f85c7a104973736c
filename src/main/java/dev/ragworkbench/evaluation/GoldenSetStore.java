package dev.ragworkbench.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The golden sets imported into a workspace ({@code Workbench.goldenSets()}): each set is copied under
 * {@code artifacts/golden-sets/<name>/} and listed in {@code artifacts/golden-sets/golden-sets.json}
 * ({@code [{"name","format","files":[...]}]}); reopening the workspace reads them again with {@link EvalSetReader}.
 */
public final class GoldenSetStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;

    public GoldenSetStore(Path artifactsDir) {
        this.dir = artifactsDir.resolve("golden-sets");
    }

    /** Every stored set, in import order; a set that no longer reads is skipped. */
    public List<GoldenSet> list() {
        var sets = new ArrayList<GoldenSet>();
        for (JsonNode entry : manifest()) {
            try {
                sets.add(load(entry.path("name").asText(), entry.path("format").asText()));
            } catch (IOException | RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(GoldenSetStore.class)
                        .warn("skipping golden set {}: {}", entry.path("name").asText(), e.getMessage());
            }
        }
        return sets;
    }

    /** Copies a SQuAD-format file into the workspace and reads it. */
    public GoldenSet importSquad(Path file) throws IOException {
        String name = uniqueName(stripExtension(file.getFileName().toString()));
        Path target = Files.createDirectories(dir.resolve(name));
        Files.copy(file, target.resolve("squad.json"), StandardCopyOption.REPLACE_EXISTING);
        return register(name, "squad");
    }

    /** Copies a BEIR data set's {@code queries.jsonl} and qrels split into the workspace and reads them. */
    public GoldenSet importBeir(Path beirDir) throws IOException {
        Path qrelsDir = beirDir.resolve("qrels");
        Path queries = beirDir.resolve("queries.jsonl");
        if (!Files.isRegularFile(queries) || !Files.isDirectory(qrelsDir)) {
            throw new IllegalArgumentException("not a BEIR data set: " + beirDir
                    + " needs queries.jsonl and a qrels folder");
        }
        String split = Files.isRegularFile(qrelsDir.resolve("test.tsv")) ? "test" : firstSplit(qrelsDir);
        String name = uniqueName(beirDir.toAbsolutePath().normalize().getFileName() + "-" + split);
        Path target = Files.createDirectories(dir.resolve(name));
        Files.copy(queries, target.resolve("queries.jsonl"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(qrelsDir.resolve(split + ".tsv"), target.resolve("qrels.tsv"), StandardCopyOption.REPLACE_EXISTING);
        return register(name, "beir");
    }

    /** Removes a set and its files. */
    public void delete(String name) throws IOException {
        var kept = JSON.createArrayNode();
        for (JsonNode entry : manifest()) {
            if (!entry.path("name").asText().equals(name)) {
                kept.add(entry);
            }
        }
        writeManifest(kept);
        Path folder = dir.resolve(name);
        if (Files.isDirectory(folder)) {
            try (var files = Files.walk(folder)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private GoldenSet register(String name, String format) throws IOException {
        GoldenSet set;
        try {
            set = load(name, format);
        } catch (IOException | RuntimeException e) {
            delete(name);
            throw e;
        }
        ArrayNode entries = manifest();
        ObjectNode entry = entries.addObject();
        entry.put("name", name);
        entry.put("format", format);
        writeManifest(entries);
        return set;
    }

    private GoldenSet load(String name, String format) throws IOException {
        Path folder = dir.resolve(name);
        return switch (format) {
            case "squad" -> {
                Path file = folder.resolve("squad.json");
                EvalSet set = EvalSetReader.squad(name, file);
                yield new GoldenSet(name, format, set, squadAnswers(file));
            }
            case "beir" -> new GoldenSet(name, format,
                    EvalSetReader.beir(name, folder.resolve("queries.jsonl"), folder.resolve("qrels.tsv")), Map.of());
            default -> throw new IllegalArgumentException("unknown golden set format " + format);
        };
    }

    /** Answer spans of a SQuAD file by document id (the paragraph's {@code document_id}). */
    static Map<String, List<AnswerSpan>> squadAnswers(Path file) throws IOException {
        var byDoc = new HashMap<String, List<AnswerSpan>>();
        JsonNode data = JSON.readTree(file.toFile()).path("data");
        for (int a = 0; a < data.size(); a++) {
            JsonNode paragraphs = data.get(a).path("paragraphs");
            for (int p = 0; p < paragraphs.size(); p++) {
                JsonNode paragraph = paragraphs.get(p);
                JsonNode idNode = paragraph.get("document_id");
                String docId = idNode != null && !idNode.isNull() ? idNode.asText() : a + "-" + p;
                for (JsonNode qa : paragraph.path("qas")) {
                    if (qa.path("is_impossible").asBoolean(false)) {
                        continue;
                    }
                    for (JsonNode answer : qa.path("answers")) {
                        String text = answer.path("text").asText("");
                        if (!text.isBlank()) {
                            byDoc.computeIfAbsent(docId, k -> new ArrayList<>()).add(new AnswerSpan(docId,
                                    qa.path("id").asText(), qa.path("question").asText(), text,
                                    answer.path("answer_start").asInt(-1)));
                        }
                    }
                }
            }
        }
        return byDoc;
    }

    private ArrayNode manifest() {
        Path file = dir.resolve("golden-sets.json");
        if (!Files.isRegularFile(file)) {
            return JSON.createArrayNode();
        }
        try {
            JsonNode node = JSON.readTree(file.toFile());
            return node instanceof ArrayNode array ? array : JSON.createArrayNode();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private void writeManifest(ArrayNode entries) throws IOException {
        Files.createDirectories(dir);
        JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("golden-sets.json").toFile(), entries);
    }

    private String uniqueName(String base) {
        String clean = base.replaceAll("[^A-Za-z0-9._-]", "-").toLowerCase(Locale.ROOT);
        var taken = new java.util.HashSet<String>();
        manifest().forEach(e -> taken.add(e.path("name").asText()));
        String name = clean;
        for (int i = 2; taken.contains(name) || Files.exists(dir.resolve(name)); i++) {
            name = clean + "-" + i;
        }
        return name;
    }

    private static String firstSplit(Path qrelsDir) throws IOException {
        try (var files = Files.list(qrelsDir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tsv")).sorted().findFirst()
                    .map(n -> n.substring(0, n.length() - 4))
                    .orElseThrow(() -> new IllegalArgumentException("no qrels/*.tsv in " + qrelsDir.getParent()));
        }
    }

    private static String stripExtension(String fileName) {
        String n = fileName.endsWith(".json") ? fileName.substring(0, fileName.length() - 5) : fileName;
        return n.endsWith(".squad") ? n.substring(0, n.length() - 6) : n;
    }
}
