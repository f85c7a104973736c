package dev.ragworkbench.experiment.spec;

import dev.ragworkbench.retrieval.RerankerSpec;
import dev.ragworkbench.retrieval.RetrieverSpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A reranker in an experiment spec: the text form and the mapping form mean the same, and become run params. */
class RerankSpecTest {

    private static final String HEAD = """
            name: t
            corpus: { format: beir, path: corpus.jsonl }
            evalSet: { format: beir, queries: queries.jsonl, qrels: qrels/test.tsv }
            embedding: [ all-minilm-l6-v2 ]
            metrics: [ ndcg@10 ]
            """;

    @TempDir
    Path dir;

    @BeforeEach
    void tinyDataset() throws IOException {
        SpecFixtures.writeTinyBeir(dir);
        Files.createDirectories(dir.resolve("ce"));
        Files.writeString(dir.resolve("ce/model.onnx"), "x");
        Files.writeString(dir.resolve("ce/tokenizer.json"), "{}");
    }

    @Test
    void theMappingAndTheTextFormGiveTheSameRetrieverAndTheRunParamsNameTheReranker() throws Exception {
        ExperimentSpec spec = load(HEAD + """
                retrieval:
                  - { kind: hybrid-rrf, k: 60, rerank: { embedder: bge-small-en-v1.5-q, depth: 50 } }
                  - { kind: bm25, rerank: { model: ce, depth: 20 } }
                  - bm25+rerank:model=ce
                """);
        var expected = RetrieverSpec.parse("hybrid-rrf:k=60+rerank:embedder=bge-small-en-v1.5-q,depth=50");
        assertThat(load(HEAD + "retrieval: [ \"hybrid-rrf:k=60+rerank:embedder=bge-small-en-v1.5-q,depth=50\" ]\n")
                .retrievers()).containsExactly(expected);
        spec = load(HEAD + """
                retrieval:
                  - { kind: hybrid-rrf, k: 60, rerank: { embedder: bge-small-en-v1.5-q, depth: 50 } }
                  - { kind: bm25, rerank: { model: ce, depth: 20 } }
                  - bm25+rerank:model=ce
                """);
        String ce = dir.resolve("ce").toRealPath().toString();
        assertThat(spec.retrievers()).containsExactly(expected,
                RetrieverSpec.parse("bm25").withReranker(new RerankerSpec(null, ce, 20)),
                RetrieverSpec.parse("bm25").withReranker(RerankerSpec.ofModel(ce)));

        var points = spec.expand();
        var first = points.stream().filter(p -> p.retriever().kind().needsVectors()).findFirst().orElseThrow();
        assertThat(first.params()).containsEntry("rerank.embedder", "bge-small-en-v1.5-q")
                .containsEntry("rerank.depth", "50").doesNotContainKey("rerank.model")
                .containsEntry("retrieval.kind", "hybrid-rrf");
        assertThat(first.name()).isEqualTo("none · all-minilm-l6-v2 · hybrid-rrf+rerank:bge-small-en-v1.5-q");
        var crossEncoded = points.stream().filter(p -> p.retriever().kind().id().equals("bm25")).toList();
        assertThat(crossEncoded).extracting(GridPoint::name)
                .containsExactly("none · bm25+rerank:ce,depth=20", "none · bm25+rerank:ce");
        assertThat(crossEncoded.getFirst().params()).containsEntry("rerank.model", ce)
                .containsEntry("rerank.depth", "20");
        // Without a reranker there are no rerank params.
        assertThat(load(HEAD + "retrieval: [ bm25 ]\n").expand().getFirst().params().keySet())
                .noneMatch(k -> k.startsWith("rerank."));
    }

    @Test
    void aBadRerankerIsReportedAtItsNode() throws Exception {
        SpecException e = failure(HEAD + """
                retrieval:
                  - { kind: bm25, rerank: { model: missing } }
                  - { kind: bm25, rerank: { embedder: bge-small-en-v1.5-q, top: 5 } }
                  - { kind: bm25, rerank: { embedder: bge-small-en-v1.5-q, depth: 0 } }
                """);
        assertThat(e.problems()).extracting(Problem::line).containsExactly(7, 8, 9);
        assertThat(e.problems().get(0).message()).startsWith("cross-encoder 'missing': expected a folder")
                .contains("model.onnx and tokenizer.json");
        assertThat(e.problems().get(1).message()).startsWith("unknown key 'top' in rerank");
        assertThat(e.problems().get(2).message()).isEqualTo("rerank depth must be between 1 and 10000, got 0");
    }

    private ExperimentSpec load(String yaml) throws IOException, SpecException {
        Path file = dir.resolve("spec.yaml");
        Files.writeString(file, yaml);
        return ExperimentSpec.load(file);
    }

    private SpecException failure(String yaml) throws IOException {
        Path file = dir.resolve("spec.yaml");
        Files.writeString(file, yaml);
        SpecException e = catchThrowableOfType(SpecException.class, () -> ExperimentSpec.load(file));
        assertThat(e).as("spec should have been rejected:\n" + yaml).isNotNull();
        return e;
    }
}
