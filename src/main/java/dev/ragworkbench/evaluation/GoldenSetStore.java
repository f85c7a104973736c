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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The golden sets imported into a workspace ({@code Workbench.goldenSets()}): each set is copied under
 * {@code artifacts/golden-sets/<name>/} and listed in {@code artifacts/golden-sets/golden-sets.json}
 * ({@code [{"name","format"[,"corpus"]}]}); reopening the workspace reads them again with {@link EvalSetReader}
 * or {@link RagasReader}. The formats are those the evaluation core reads: SQuAD, BEIR, TREC and Ragas.
 */
public final class GoldenSetStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The texts of a corpus's documents by id: a Ragas set names no documents, so it is matched against these. */
    @FunctionalInterface
    public interface CorpusTexts {
        Map<String, String> of(String corpus);
    }

    private static final String TREC_JSONL_TOPICS = "topics.jsonl";
    private static final String TREC_TSV_TOPICS = "topics.tsv";
    private static final String TREC_QRELS = "qrels.txt";
    private static final String RAGAS_JSONL = "ragas.jsonl";
    private static final String RAGAS_CSV = "ragas.csv";

    private final Path dir;
    private final CorpusTexts corpusTexts;

    public GoldenSetStore(Path artifactsDir, CorpusTexts corpusTexts) {
        this.dir = artifactsDir.resolve("golden-sets");
        this.corpusTexts = corpusTexts;
    }

    /** Every stored set, in import order; a set that no longer reads is skipped. */
    public List<GoldenSet> list() {
        var sets = new ArrayList<GoldenSet>();
        for (JsonNode entry : manifest()) {
            try {
                sets.add(load(entry.path("name").asText(), entry.path("format").asText(),
                        entry.path("corpus").asText(null)));
            } catch (IOException | RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(GoldenSetStore.class)
                        .warn("skipping golden set {}: {}", entry.path("name").asText(), e.getMessage());
            }
        }
        return sets;
    }

    /** Reads a SQuAD-format file and keeps a copy in the workspace. */
    public GoldenSet importSquad(Path file) throws IOException {
        String name = uniqueName(stripExtension(file.getFileName().toString()));
        return add(name, "squad", null, Map.of("squad.json", file));
    }

    /** Reads a BEIR data set's {@code queries.jsonl} and qrels split and keeps a copy in the workspace. */
    public GoldenSet importBeir(Path beirDir) throws IOException {
        Path qrelsDir = beirDir.resolve("qrels");
        Path queries = beirDir.resolve("queries.jsonl");
        if (!Files.isRegularFile(queries) || !Files.isDirectory(qrelsDir)) {
            throw new IllegalArgumentException("not a BEIR data set: " + beirDir
                    + " needs queries.jsonl and a qrels folder");
        }
        String split = Files.isRegularFile(qrelsDir.resolve("test.tsv")) ? "test" : firstSplit(qrelsDir);
        String name = uniqueName(beirDir.toAbsolutePath().normalize().getFileName() + "-" + split);
        return add(name, "beir", null, Map.of("queries.jsonl", queries, "qrels.tsv", qrelsDir.resolve(split + ".tsv")));
    }

    /**
     * Reads TREC topics (TSV {@code qid<TAB>text}, or JSONL) and their qrels and keeps a copy in the workspace;
     * the set is named after the topics file. Only judged topics are kept, as for BEIR.
     */
    public GoldenSet importTrec(Path topics, Path qrels) throws IOException {
        String name = uniqueName(stripExtension(topics.getFileName().toString()));
        String lower = topics.getFileName().toString().toLowerCase(Locale.ROOT);
        // the reader tells JSONL topics by extension or by a first line starting with '{'; the copy keeps that
        String topicsName = lower.endsWith(".jsonl") || lower.endsWith(".json") ? TREC_JSONL_TOPICS : TREC_TSV_TOPICS;
        return add(name, "trec", null, Map.of(topicsName, topics, TREC_QRELS, qrels));
    }

    /**
     * Reads a Ragas-style file (JSONL or CSV: question, reference answer, reference contexts) against
     * {@code corpus} and keeps a copy in the workspace: a document is relevant to a question when it contains one
     * of the question's reference contexts, and those contexts are the set's evidence spans.
     */
    public GoldenSet importRagas(Path file, String corpus) throws IOException {
        String name = uniqueName(stripExtension(file.getFileName().toString()));
        boolean csv = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
        return add(name, "ragas", corpus, Map.of(csv ? RAGAS_CSV : RAGAS_JSONL, file));
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

    /**
     * Reads a set from the user's files, then copies them into the workspace (named as the keys of {@code files})
     * and lists it: reading first means an error names the user's file and line, and a set that does not read
     * leaves nothing behind.
     */
    private GoldenSet add(String name, String format, String corpus, Map<String, Path> files) throws IOException {
        GoldenSet set = read(name, format, corpus, files::get);
        Path target = Files.createDirectories(dir.resolve(name));
        try {
            for (var file : files.entrySet()) {
                Files.copy(file.getValue(), target.resolve(file.getKey()), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            delete(name);
            throw e;
        }
        ArrayNode entries = manifest();
        ObjectNode entry = entries.addObject();
        entry.put("name", name);
        entry.put("format", format);
        if (corpus != null) {
            entry.put("corpus", corpus);
        }
        writeManifest(entries);
        return set;
    }

    private GoldenSet load(String name, String format, String corpus) throws IOException {
        return read(name, format, corpus, dir.resolve(name)::resolve);
    }

    /** Reads a set of {@code format} whose files {@code file} gives by their names in the workspace copy. */
    private GoldenSet read(String name, String format, String corpus, Function<String, Path> file) throws IOException {
        return switch (format) {
            case "trec" -> new GoldenSet(name, format,
                    EvalSetReader.trec(name, either(file, TREC_JSONL_TOPICS, TREC_TSV_TOPICS), file.apply(TREC_QRELS)),
                    Map.of());
            case "ragas" -> {
                if (corpus == null || corpus.isBlank()) {
                    throw new IllegalArgumentException("Ragas golden set " + name + " names no corpus");
                }
                yield RagasReader.goldenSet(name, either(file, RAGAS_CSV, RAGAS_JSONL), corpusTexts.of(corpus));
            }
            case "squad" -> EvalSetReader.squadGoldenSet(name, file.apply("squad.json"));
            case "beir" -> new GoldenSet(name, format,
                    EvalSetReader.beir(name, file.apply("queries.jsonl"), file.apply("qrels.tsv")), Map.of());
            default -> throw new IllegalArgumentException("unknown golden set format " + format);
        };
    }

    /** The first of two alternative files that exists ({@code second} when neither does, for its error). */
    private static Path either(Function<String, Path> file, String first, String second) {
        Path p = file.apply(first);
        return p != null && Files.isRegularFile(p) ? p : file.apply(second);
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

    /** The file's name without its extension and a format suffix ({@code covid.squad.json} gives {@code covid}). */
    private static String stripExtension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        String n = dot > 0 ? fileName.substring(0, dot) : fileName;
        for (String suffix : List.of(".squad", ".ragas", ".topics", ".queries")) {
            if (n.toLowerCase(Locale.ROOT).endsWith(suffix)) {
                return n.substring(0, n.length() - suffix.length());
            }
        }
        return n;
    }
}
