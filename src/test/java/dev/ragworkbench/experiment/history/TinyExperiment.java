package dev.ragworkbench.experiment.history;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A spec over a six-document BEIR set with a grid of three BM25 set-ups: small enough for the real
 * {@code ExperimentRunner} to run in a test, with runs whose metrics differ.
 */
public final class TinyExperiment {

    public static final String NAME = "tiny-pets";

    private TinyExperiment() {
    }

    /** Writes the data and the spec into {@code dir}; returns the spec. */
    public static Path write(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("qrels"));
        // q5 tells the set-ups apart: d5 repeats "cat", the relevant d6 has "cat" and "dog" once in a long text,
        // so a BM25 with a high k1 (term frequency counts) ranks d5 first and one with k1 near 0 ranks d6 first
        Files.writeString(dir.resolve("corpus.jsonl"), """
                {"_id": "d1", "title": "Kittens", "text": "Kittens purr and sleep in the sun all day."}
                {"_id": "d2", "title": "Dogs", "text": "Dogs bark at the postman."}
                {"_id": "d3", "title": "Fish", "text": "Fish swim in the pond."}
                {"_id": "d4", "title": "Birds", "text": "Birds sing at dawn."}
                {"_id": "d5", "title": "Words", "text": "cat cat cat cat cat cat cat cat cat cat"}
                {"_id": "d6", "title": "Friends", "text": "A cat and a dog met at the gate and became friends, a story told over many long pages of a very long book about the countryside and its quiet lanes."}
                """);
        Files.writeString(dir.resolve("queries.jsonl"), """
                {"_id": "q1", "text": "which animal purrs in the sun"}
                {"_id": "q2", "text": "who barks at the postman"}
                {"_id": "q3", "text": "what swims in the pond"}
                {"_id": "q4", "text": "who sings at dawn"}
                {"_id": "q5", "text": "cat dog"}
                """);
        Files.writeString(dir.resolve("qrels/test.tsv"), """
                query-id\tcorpus-id\tscore
                q1\td1\t1
                q2\td2\t1
                q3\td3\t1
                q4\td4\t1
                q5\td6\t1
                """);
        Path spec = dir.resolve(NAME + ".yaml");
        Files.writeString(spec, """
                name: %s
                description: three BM25 set-ups on four pet documents
                corpus:  { format: beir, path: corpus.jsonl }
                evalSet: { format: beir, queries: queries.jsonl, qrels: qrels/test.tsv }
                retrieval: [ { kind: bm25, k1: 0.1, b: 0.0 }, { kind: bm25, k1: 3.0, b: 0.0 }, { kind: bm25, k1: 1.2, b: 0.75 } ]
                metrics:   [ ndcg@10, recall@10, mrr@10 ]
                top: 10
                tags: { dataset: pets }
                """.formatted(NAME));
        return spec;
    }
}
