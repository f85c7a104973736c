package dev.ragworkbench.experiment.spec;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Each problem is reported at the line and column of the node at fault; all problems at once. */
class SpecErrorsTest {

    /** Lines 1–3 of every spec below; the line under test is line 4 or later. */
    private static final String HEAD = """
            name: t
            corpus: { format: beir, path: corpus.jsonl }
            evalSet: { format: beir, queries: queries.jsonl, qrels: qrels/test.tsv }
            """;

    @TempDir
    Path dir;

    @BeforeEach
    void tinyDataset() throws IOException {
        SpecFixtures.writeTinyBeir(dir);
    }

    @Test
    void unknownTopLevelKeyIsReportedAtTheKey() throws Exception {
        SpecException e = failure(HEAD + """
                retrieval: [ bm25 ]
                metrics: [ ndcg@10 ]
                  # a comment line
                colour: blue
                """);
        assertThat(e.problems()).containsExactly(new Problem(7, 1,
                "unknown key 'colour' in the spec; expected one of: name, description, corpus, evalSet, chunking, "
                + "embedding, retrieval, metrics, top, sample, tags, models, prompt, judge"));
        assertThat(e.getMessage()).startsWith(dir.resolve("spec.yaml") + ":7:1: unknown key 'colour'");
    }

    @Test
    void badChunkerValuesAreReportedAtTheValueAndAllAtOnce() throws Exception {
        SpecException e = failure(HEAD + """
                chunking:
                  - { kind: fixed, size: -5 }
                  - kind: fixd
                  - { kind: fixed, size: 100, overlap: 100 }
                  - { kind: fixed, sise: 100 }
                  - fixed:size=ten
                retrieval: [ bm25 ]
                metrics: [ ndcg@10 ]
                """);
        assertThat(e.problems()).containsExactly(
                new Problem(5, 26, "size must be between 8 and 65536 tokens, got -5"),
                new Problem(6, 11, "unknown chunker kind 'fixd'; valid kinds: none, fixed, recursive, markdown, semantic"),
                new Problem(7, 40, "overlap (100) must be smaller than size (100)"),
                new Problem(8, 20, "unknown parameter 'sise' for chunker 'fixed'; valid parameters: size, overlap"),
                new Problem(9, 5, "parameter 'size' of chunker 'fixed' must be a whole number, got 'ten'"));
    }

    @Test
    void denseRetrieverWithoutEmbedderNamesTheItem() throws Exception {
        SpecException e = failure(HEAD + """
                embedding: [ none ]
                retrieval:
                  - { kind: bm25, k1: 1.2 }
                  - kind: dense
                    exact: true
                metrics: [ ndcg@10 ]
                """);
        assertThat(e.problems()).containsExactly(new Problem(7, 5,
                "retriever 'dense' needs an embedder, but embedding lists only none; add one, e.g. "
                + "embedding: [ all-minilm-l6-v2 ]"));
    }

    @Test
    void hybridRetrieverWithNoEmbeddingKeyIsAnErrorToo() throws Exception {
        SpecException e = failure(HEAD + """
                retrieval: [ bm25, hybrid-rrf:k=30 ]
                metrics: [ ndcg@10 ]
                """);
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(4);
            assertThat(p.column()).isEqualTo(20);
            assertThat(p.message()).startsWith("retriever 'hybrid-rrf' needs an embedder, but embedding is not given");
        });
    }

    @Test
    void missingFilesAreReportedAtTheirPaths() throws Exception {
        SpecException e = failure("""
                name: t
                corpus: { format: beir, path: nope/corpus.jsonl }
                evalSet:
                  format: beir
                  queries: queries.jsonl
                  qrels:   qrels/dev.tsv
                retrieval: [ bm25 ]
                metrics: [ ndcg@10 ]
                """);
        assertThat(e.problems()).containsExactly(
                new Problem(2, 31, "corpus path 'nope/corpus.jsonl' does not exist (looked for "
                        + dir.toRealPath().resolve("nope/corpus.jsonl") + ")"),
                new Problem(6, 12, "qrels 'qrels/dev.tsv' does not exist (looked for "
                        + dir.toRealPath().resolve("qrels/dev.tsv") + ")"));
    }

    @Test
    void missingRequiredKeysAreReportedAtTheirMapping() throws Exception {
        SpecException e = failure("""
                corpus: { format: beir, path: corpus.jsonl }
                evalSet:
                  format: trec
                  qrels: qrels/test.tsv
                retrieval: [ bm25 ]
                """);
        assertThat(e.problems()).containsExactly(
                new Problem(1, 1, "the spec needs 'name'"),
                new Problem(1, 1, "the spec needs 'metrics'"),
                new Problem(3, 3, "a trec evalSet needs 'topics'"));
    }

    @Test
    void badValuesElsewhereAreReportedAtTheValue() throws Exception {
        SpecException e = failure(HEAD + """
                embedding: [ all-minilm-l6-v2, minilm ]
                retrieval: [ { kind: bm25, k1: -1, b: 2 }, { kind: bm26 } ]
                metrics: [ ndcg@10, ndgc@10 ]
                top: 50
                sample: { n: 0 }
                """);
        assertThat(e.problems()).extracting(p -> p.line() + ":" + p.column() + " " + p.message()).containsExactly(
                "4:32 unknown embedder 'minilm'; use none, one of all-minilm-l6-v2, all-minilm-l6-v2-q, "
                + "bge-small-en-v1.5-q, or a folder (relative to the spec) holding model.onnx and tokenizer.json",
                "5:32 retriever bm25 parameter k1=-1: must be between 0 and 100",
                "5:39 retriever bm25 parameter b=2: must be between 0 and 1",
                "5:52 unknown retriever 'bm26'; valid: bm25, dense, hybrid-rrf, hybrid-weighted",
                "6:21 unknown metric 'ndgc@10'; known metrics: ndcg@k, recall@k, precision@k (p@k), mrr@k, map@k, "
                + "success@k",
                "8:14 sample n must be between 1 and 2147483647, got 0");
    }

    @Test
    void unquotedCommaInAFlowListGetsAHint() throws Exception {
        SpecException e = failure(HEAD + """
                retrieval: [ bm25:k1=1.2,b=0.75 ]
                metrics: [ ndcg@10 ]
                """);
        assertThat(e.problems()).containsExactly(new Problem(4, 26, "'b=0.75' is not a retriever; inside [ ] a "
                + "comma starts a new item, so quote items that contain commas, e.g. \"bm25:k1=1.2,b=0.75\""));
    }

    @Test
    void topShallowerThanAMetricIsReportedAtTop() throws Exception {
        SpecException e = failure(HEAD + """
                retrieval: [ bm25 ]
                metrics: [ ndcg@10, recall@100 ]
                top: 50
                """);
        assertThat(e.problems()).containsExactly(new Problem(6, 6,
                "top (50) is below the cut-off of recall@100; rankings must be at least as deep as every metric"));
    }

    @Test
    void aBadTopIsReportedOnceNotAlsoAgainstTheMetrics() throws Exception {
        SpecException e = failure(HEAD + """
                retrieval: [ bm25 ]
                metrics: [ recall@2000 ]
                top: deep
                """);
        assertThat(e.problems()).containsExactly(new Problem(6, 6, "top must be a whole number, got 'deep'"));
    }

    @Test
    void duplicateKeysAndWrongShapesAreReported() throws Exception {
        SpecException e = failure(HEAD + """
                retrieval: [ bm25 ]
                metrics: [ ndcg@10 ]
                tags: [ a, b ]
                retrieval: [ dense ]
                """);
        assertThat(e.problems()).extracting(p -> p.line() + ":" + p.column() + " " + p.message()).containsExactly(
                "6:7 tags must be a mapping (key: value), got a list",
                "7:1 key 'retrieval' given twice (first on line 4)");
    }

    @Test
    void yamlSyntaxErrorsCarryTheParsersLocation() throws Exception {
        SpecException e = failure(HEAD + """
                retrieval: [ bm25
                metrics: [ ndcg@10 ]
                """);
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(5);
            assertThat(p.message()).startsWith("not valid YAML: ");
        });
    }

    @Test
    void emptyFileIsAnError() throws Exception {
        assertThat(failure("# nothing here\n").problems()).containsExactly(new Problem(1, 1, "the spec is empty"));
    }

    @Test
    void loadingAMissingSpecFileIsAnIoError() {
        assertThatThrownBy(() -> ExperimentSpec.load(dir.resolve("absent.yaml"))).isInstanceOf(IOException.class);
    }

    private SpecException failure(String yaml) throws IOException {
        Path file = dir.resolve("spec.yaml");
        Files.writeString(file, yaml);
        SpecException e = catchThrowableOfType(SpecException.class, () -> ExperimentSpec.load(file));
        assertThat(e).as("spec should have been rejected:\n" + yaml).isNotNull();
        assertThat(e.file()).isEqualTo(file);
        return e;
    }
}
