package dev.ragworkbench.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The golden sets an earlier build kept as files: copies under {@code artifacts/golden-sets/<name>/}, listed in
 * {@code artifacts/golden-sets/golden-sets.json} ({@code [{"name","format"[,"corpus"]}]}). {@link EvalSetStore}
 * reads them once into the database; the files themselves are left where they are.
 */
final class LegacyGoldenSets {

    static final String MANIFEST = "golden-sets.json";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TREC_JSONL_TOPICS = "topics.jsonl";
    private static final String TREC_TSV_TOPICS = "topics.tsv";
    private static final String TREC_QRELS = "qrels.txt";
    private static final String RAGAS_JSONL = "ragas.jsonl";
    private static final String RAGAS_CSV = "ragas.csv";

    /** One listed set: its name, format and (Ragas only) corpus. */
    record Entry(String name, EvalSetFormat format, String corpus) {
    }

    /** Stores one migrated set. */
    interface Writer {
        void write(EvalSet set, String corpus, String source);
    }

    private static final Logger LOG = LoggerFactory.getLogger(LegacyGoldenSets.class);

    private LegacyGoldenSets() {
    }

    /**
     * Writes the sets listed in {@code dir}'s manifest that {@code stored} does not know yet through
     * {@code writer}. Their files stay; the manifest is renamed {@code golden-sets.json.migrated} when every set
     * was read, and left (to be tried again on the next open) when one could not be, e.g. a Ragas set whose
     * corpus is gone.
     */
    static void migrate(Path dir, EvalSetStore.CorpusTexts corpusTexts, Predicate<String> stored, Writer writer) {
        Path manifest = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(manifest)) {
            return;
        }
        try {
            boolean all = true;
            for (Entry entry : entries(dir)) {
                try {
                    if (!stored.test(entry.name())) {
                        writer.write(read(dir, entry, corpusTexts), entry.corpus(), dir.resolve(entry.name()).toString());
                    }
                } catch (IOException | RuntimeException e) {
                    LOG.warn("cannot migrate golden set {}: {}", entry.name(), e.getMessage());
                    all = false;
                }
            }
            if (all) {
                Files.move(manifest, manifest.resolveSibling(MANIFEST + ".migrated"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot read the golden sets listed in {}: {}", manifest, e.getMessage());
        }
    }

    /** The manifest's entries, in import order; none when there is no manifest. */
    static List<Entry> entries(Path dir) throws IOException {
        Path file = dir.resolve(MANIFEST);
        var entries = new ArrayList<Entry>();
        if (!Files.isRegularFile(file)) {
            return entries;
        }
        JsonNode node = JSON.readTree(file.toFile());
        if (node != null && node.isArray()) {
            for (JsonNode e : node) {
                entries.add(new Entry(e.path("name").asText(), EvalSetFormat.fromId(e.path("format").asText()),
                        e.path("corpus").asText(null)));
            }
        }
        return entries;
    }

    /** Reads one listed set from its copy in {@code dir/<name>/}. */
    static EvalSet read(Path dir, Entry entry, EvalSetStore.CorpusTexts corpusTexts) throws IOException {
        Function<String, Path> file = dir.resolve(entry.name())::resolve;
        EvalSetFiles files = switch (entry.format()) {
            case TREC -> new EvalSetFiles.Trec(either(file, TREC_JSONL_TOPICS, TREC_TSV_TOPICS), file.apply(TREC_QRELS));
            case RAGAS -> new EvalSetFiles.Ragas(either(file, RAGAS_CSV, RAGAS_JSONL));
            case SQUAD -> new EvalSetFiles.Squad(file.apply("squad.json"));
            case BEIR -> new EvalSetFiles.Beir(file.apply("queries.jsonl"), file.apply("qrels.tsv"));
            case JUDGED -> throw new IllegalArgumentException("golden set " + entry.name() + " has no files to read");
        };
        if (entry.format() == EvalSetFormat.RAGAS && (entry.corpus() == null || entry.corpus().isBlank())) {
            throw new IllegalArgumentException("Ragas golden set " + entry.name() + " names no corpus");
        }
        return files.read(entry.name(), () -> corpusTexts.of(entry.corpus()));
    }

    /** The first of two alternative files that exists ({@code second} when neither does, for its error). */
    private static Path either(Function<String, Path> file, String first, String second) {
        Path p = file.apply(first);
        return Files.isRegularFile(p) ? p : file.apply(second);
    }
}
