package dev.ragworkbench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ragworkbench.app.Workbench;
import dev.ragworkbench.experiment.ExperimentRunner;
import dev.ragworkbench.experiment.spec.ExperimentSpec;
import dev.ragworkbench.progress.Cancellation;
import dev.ragworkbench.progress.ProgressListener;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tiny BEIR corpus and eval set where BM25 without length normalisation (b = 0) and with full normalisation
 * (b = 1) disagree on the top document of two queries: "apple" (its relevant document is short, so b = 1 finds
 * it: wrong → right) and "pear" (relevant document long: right → wrong). The short apple document's text holds a
 * {@code <script>} element and a query's text holds markup, so every report must escape them. Two real runs by
 * the real {@link ExperimentRunner} into a real workspace.
 */
public final class ReportFixture {

    public static final String SCRIPT_DOC = "<script>alert('pwned')</script> apple";
    public static final String MARKUP_QUERY = "orchard <b>harvest</b> & season";

    /**
     * @param workspace the workspace folder
     * @param spec      the spec file both runs came from
     * @param runA      the b = 0 run
     * @param runB      the b = 1 run
     */
    public record Runs(Path workspace, Path spec, String runA, String runB) {
        public List<String> ids() {
            return List.of(runA, runB);
        }
    }

    private ReportFixture() {
    }

    /** Writes the corpus, eval set and spec under {@code dir}; returns the spec file. */
    public static Path writeSpec(Path dir) throws IOException {
        var json = new ObjectMapper();
        String filler = " orchard harvest season tree branch leaf basket market farmer cart road hill river field"
                + " sun rain soil seed root bloom crop picker ladder crate truck barn fence gate path stone wall";
        Map<String, String> docs = new LinkedHashMap<>();
        docs.put("d-apple-long", "apple apple" + filler);
        docs.put("d-apple-short", SCRIPT_DOC);
        docs.put("d-pear-long", "pear pear" + filler);
        docs.put("d-pear-short", "pear & <b>fig</b>");
        docs.put("d-banana", "banana bread with walnuts and honey baked slowly");
        docs.put("d-cherry", "cherry jam on toast for a quiet breakfast morning");
        docs.put("d-plum", "plum cake recipe with cinnamon sugar and butter");
        docs.put("d-grape", "grape juice pressed fresh from the vineyard today");
        var corpus = new ArrayList<String>();
        for (var e : docs.entrySet()) {
            corpus.add(json.writeValueAsString(Map.of("_id", e.getKey(), "text", e.getValue())));
        }
        Path corpusFile = dir.resolve("corpus.jsonl");
        Files.write(corpusFile, corpus);
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("q-apple", "apple");
        queries.put("q-pear", "pear");
        queries.put("q-banana", "banana bread");
        queries.put("q-orchard", MARKUP_QUERY);
        var queryLines = new ArrayList<String>();
        for (var e : queries.entrySet()) {
            queryLines.add(json.writeValueAsString(Map.of("_id", e.getKey(), "text", e.getValue())));
        }
        Files.write(dir.resolve("queries.jsonl"), queryLines);
        Files.writeString(dir.resolve("qrels.tsv"), """
                query-id\tcorpus-id\tscore
                q-apple\td-apple-short\t1
                q-pear\td-pear-long\t1
                q-banana\td-banana\t1
                q-orchard\td-apple-long\t1
                """);
        Path spec = dir.resolve("fruit.yaml");
        Files.writeString(spec, """
                name: fruit
                corpus:  { format: beir, path: corpus.jsonl }
                evalSet: { format: beir, queries: queries.jsonl, qrels: qrels.tsv }
                chunking:  [ none ]
                embedding: [ none ]
                retrieval: [ "bm25:k1=1.2,b=0", "bm25:k1=1.2,b=1" ]
                metrics: [ ndcg@10, success@1, recall@10 ]
                top: 10
                tags: { dataset: fruit }
                """);
        return spec;
    }

    /** The two runs, made by the experiment runner in a new workspace under {@code dir}. */
    public static Runs create(Path dir) throws IOException {
        Path spec = writeSpec(dir);
        Path ws = dir.resolve("ws");
        try (var bench = Workbench.open(ws)) {
            var outcomes = new ExperimentRunner(bench, bench.runs()).run(ExperimentSpec.load(spec),
                    ExperimentRunner.Options.none(), ProgressListener.NONE, Cancellation.none());
            if (outcomes.size() != 2) {
                throw new IllegalStateException("expected two runs, got " + outcomes.size());
            }
            return new Runs(ws, spec, outcomes.get(0).run().id(), outcomes.get(1).run().id());
        } catch (dev.ragworkbench.experiment.spec.SpecException e) {
            throw new IllegalStateException(e);
        }
    }
}
