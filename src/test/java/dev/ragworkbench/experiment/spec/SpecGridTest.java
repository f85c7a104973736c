package dev.ragworkbench.experiment.spec;

import dev.ragworkbench.chunking.ChunkerSpec;
import dev.ragworkbench.ingest.ImportFormat;
import dev.ragworkbench.retrieval.RetrieverSpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Parsing of valid specs and the expansion of their axes into run points. */
class SpecGridTest {

    private static final String HEAD = """
            name: grid
            corpus: { format: beir, path: data/corpus.jsonl }
            evalSet: { format: beir, queries: data/queries.jsonl, qrels: data/qrels/test.tsv }
            metrics: [ ndcg@10 ]
            """;

    @TempDir
    Path dir;

    @BeforeEach
    void tinyDataset() throws IOException {
        SpecFixtures.writeTinyBeir(dir.resolve("data"));
    }

    @Test
    void lexicalRetrieversAreNotMultipliedByTheEmbeddingAxis() throws Exception {
        ExperimentSpec spec = load(HEAD + """
                chunking: [ none, fixed:size=100, { kind: recursive, size: 300, overlap: 30 } ]
                embedding: [ all-minilm-l6-v2, bge-small-en-v1.5-q ]
                retrieval: [ bm25, "bm25:k1=1.2,b=0.75", dense, { kind: hybrid-weighted, alpha: 0.3 } ]
                """);

        List<GridPoint> points = spec.expand();
        // per chunker: 2 bm25 settings once each + 2 embedders × 2 vector retrievers = 6; × 3 chunkers = 18
        assertThat(points).hasSize(18).doesNotHaveDuplicates();
        assertThat(points).filteredOn(p -> p.retriever().kind().id().equals("bm25")).hasSize(6)
                .allSatisfy(p -> assertThat(p.embedder()).isEqualTo("none"));
        assertThat(points).filteredOn(p -> p.retriever().kind().needsVectors()).hasSize(12)
                .extracting(GridPoint::embedder).containsOnly("all-minilm-l6-v2", "bge-small-en-v1.5-q");
        assertThat(points).extracting(GridPoint::name).doesNotHaveDuplicates().startsWith(
                "none · bm25", "none · bm25:b=0.75,k1=1.2",
                "none · all-minilm-l6-v2 · dense", "none · all-minilm-l6-v2 · hybrid-weighted:alpha=0.3",
                "none · bge-small-en-v1.5-q · dense");
        assertThat(points.get(17).name()).isEqualTo("recursive-300-30 · bge-small-en-v1.5-q · hybrid-weighted:alpha=0.3");
    }

    @Test
    void noneBesideAModelStillRunsLexicalRetrieversOnce() throws Exception {
        ExperimentSpec spec = load(HEAD + """
                embedding: [ none, all-minilm-l6-v2 ]
                retrieval: [ bm25, dense ]
                """);
        assertThat(spec.expand()).extracting(GridPoint::name)
                .containsExactly("none · bm25", "none · all-minilm-l6-v2 · dense");
    }

    @Test
    void withoutEmbeddingOrChunkingKeysLexicalRunsOnWholeDocuments() throws Exception {
        ExperimentSpec spec = load(HEAD + "retrieval: [ bm25 ]\n");
        assertThat(spec.chunkers()).containsExactly(ChunkerSpec.parse("none"));
        assertThat(spec.embedders()).containsExactly("none");
        assertThat(spec.expand()).singleElement().extracting(GridPoint::embedder).isEqualTo("none");
    }

    @Test
    void stringAndMappingItemsMeanTheSameAndDuplicatesCollapse() throws Exception {
        ExperimentSpec spec = load(HEAD.replace("metrics: [ ndcg@10 ]\n", "") + """
                chunking:
                  - fixed:size=200,overlap=40
                  - { kind: fixed, size: 200, overlap: 40 }
                  - kind: FIXED
                    overlap: 40
                    size: 200
                embedding: [ all-minilm-l6-v2, All-MiniLM-L6-v2 ]
                retrieval:
                  - bm25:k1=1.2
                  - { kind: bm25, k1: 1.2, b: 0.4 }
                  - { kind: bm25, k1: 1.2 }
                  - hybrid-rrf:k=60
                  - { kind: hybrid-rrf }
                metrics: [ ndcg@10, NDCG@10, ndcg_cut.10 ]
                """);

        assertThat(spec.chunkers()).containsExactly(new ChunkerSpec.Fixed(200, 40));
        assertThat(spec.embedders()).containsExactly("all-minilm-l6-v2");
        assertThat(spec.retrievers()).containsExactly(RetrieverSpec.parse("bm25:k1=1.2,b=0.4"),
                RetrieverSpec.parse("hybrid-rrf"));
        assertThat(spec.metrics()).extracting(Object::toString).containsExactly("ndcg@10");
        assertThat(spec.expand()).extracting(GridPoint::name)
                .containsExactly("fixed-200-40 · bm25:k1=1.2", "fixed-200-40 · all-minilm-l6-v2 · hybrid-rrf");
    }

    @Test
    void paramsAreFlatAndInAStableOrder() throws Exception {
        ExperimentSpec spec = load(HEAD + """
                chunking: [ { kind: fixed, size: 200, overlap: 40 } ]
                embedding: [ all-minilm-l6-v2 ]
                retrieval: [ { kind: hybrid-rrf, k: 30 } ]
                top: 200
                """);
        assertThat(spec.expand()).singleElement().satisfies(p -> {
            assertThat(p.params().sequencedKeySet()).containsExactly("corpus.path", "corpus.format",
                    "evalSet.name", "chunking.kind", "chunking.size", "chunking.overlap", "embedding.model",
                    "retrieval.kind", "retrieval.depth", "retrieval.k", "retrieval.top");
            assertThat(p.params().sequencedValues()).containsExactly(
                    dir.toRealPath().resolve("data/corpus.jsonl").toString(), "beir", "data/test", "fixed", "200",
                    "40", "all-minilm-l6-v2", "hybrid-rrf", "100", "30", "200");
            assertThat(p.name()).isEqualTo("fixed-200-40 · all-minilm-l6-v2 · hybrid-rrf:k=30");
        });
    }

    @Test
    void relativePathsResolveAgainstTheSpecFolderNotTheWorkingDirectory() throws Exception {
        Path specs = Files.createDirectories(dir.resolve("specs/nested"));
        Files.createDirectories(dir.resolve("docs/sub"));
        Files.writeString(dir.resolve("docs/sub/a.md"), "# A\ntext");
        Path file = specs.resolve("x.yaml");
        Files.writeString(file, """
                name: relative
                description: documents from a folder
                corpus: { format: files, path: ../../docs }
                evalSet: { format: trec, name: tiny, topics: ../../data/queries.jsonl, qrels: ../../data/qrels/test.tsv }
                retrieval: [ bm25 ]
                metrics: [ recall@3 ]
                tags: { owner: me, round: 2 }
                """);
        // A relative spec path: the folder of the file, not the JVM's working directory, anchors the data.
        ExperimentSpec spec = ExperimentSpec.load(Path.of("").toAbsolutePath().relativize(file));

        Path root = dir.toRealPath();
        assertThat(spec.corpus()).isEqualTo(new ExperimentSpec.Corpus(ImportFormat.FILES, root.resolve("docs")));
        assertThat(spec.evalSet()).isEqualTo(new ExperimentSpec.Trec("tiny",
                root.resolve("data/queries.jsonl"), root.resolve("data/qrels/test.tsv")));
        assertThat(spec.evalSet().paths()).containsOnlyKeys("topics", "qrels");
        assertThat(spec.source()).isEqualTo(file.toAbsolutePath().normalize());
        assertThat(spec.description()).isEqualTo("documents from a folder");
        assertThat(spec.tags()).containsExactly(java.util.Map.entry("owner", "me"), java.util.Map.entry("round", "2"));
        assertThat(spec.yaml()).isEqualTo(Files.readString(file));
        assertThat(spec.loadEvalSet().queries()).containsOnlyKeys("q1", "q2", "q3");
    }

    @Test
    void autoCorpusFormatIsResolvedFromThePath() throws Exception {
        ExperimentSpec spec = load(HEAD.replace("format: beir, path", "path") + "retrieval: [ bm25 ]\n");
        assertThat(spec.corpus().format()).isEqualTo(ImportFormat.BEIR);
    }

    @Test
    void sampleIsReproducibleAndSeedMatters() throws Exception {
        ExperimentSpec a = load(HEAD + "retrieval: [ bm25 ]\nsample: { n: 2, seed: 7 }\n");
        ExperimentSpec b = load(HEAD + "retrieval: [ bm25 ]\nsample: { n: 2, seed: 7 }\n");
        ExperimentSpec defaultSeed = load(HEAD + "retrieval: [ bm25 ]\nsample: { n: 2 }\n");
        assertThat(a.loadEvalSet().queries()).isEqualTo(b.loadEvalSet().queries()).hasSize(2);
        assertThat(defaultSeed.sample()).contains(new ExperimentSpec.Sample(2, ExperimentSpec.DEFAULT_SEED));
        // of the 3 possible pairs, seeds 0..9 cannot all pick the same one unless the seed is ignored
        var pairs = new java.util.HashSet<Object>();
        for (int seed = 0; seed < 10; seed++) {
            pairs.add(load(HEAD + "retrieval: [ bm25 ]\nsample: { n: 2, seed: " + seed + " }\n")
                    .loadEvalSet().queries().keySet());
        }
        assertThat(pairs).hasSizeGreaterThan(1);
    }

    @Test
    void squadEvalSetReadsCovidQa() throws Exception {
        Path covid = Path.of(System.getProperty("ragworkbench.shared.data"), "covid-qa/200423_covidQA.json")
                .toAbsolutePath().normalize();
        ExperimentSpec spec = load(HEAD.replace(
                "{ format: beir, queries: data/queries.jsonl, qrels: data/qrels/test.tsv }",
                "{ format: squad, path: '" + covid + "' }") + "retrieval: [ bm25 ]\n");
        assertThat(spec.evalSet().name()).isEqualTo("200423_covidQA");
        assertThat(spec.loadEvalSet().size()).isEqualTo(1380);
    }

    @Test
    void ragasEvalSetIsValidatedAsAPathButNotReadYet() throws Exception {
        Files.writeString(dir.resolve("data/testset.csv"), "question,ground_truth\n");
        ExperimentSpec spec = load(HEAD.replace(
                "{ format: beir, queries: data/queries.jsonl, qrels: data/qrels/test.tsv }",
                "{ format: ragas, path: data/testset.csv }") + "retrieval: [ bm25 ]\n");
        assertThat(spec.evalSet()).isEqualTo(new ExperimentSpec.Ragas("testset",
                dir.toRealPath().resolve("data/testset.csv")));
        org.assertj.core.api.Assertions.assertThatThrownBy(spec::loadEvalSet)
                .isInstanceOf(UnsupportedOperationException.class);
    }

    private ExperimentSpec load(String yaml) throws IOException, SpecException {
        Path file = dir.resolve("spec.yaml");
        Files.writeString(file, yaml);
        return ExperimentSpec.load(file);
    }
}
