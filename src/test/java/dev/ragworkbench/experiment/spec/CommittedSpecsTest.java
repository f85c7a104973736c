package dev.ragworkbench.experiment.spec;

import dev.ragworkbench.chunking.ChunkerSpec;
import dev.ragworkbench.evaluation.EvalSet;
import dev.ragworkbench.ingest.ImportFormat;
import dev.ragworkbench.retrieval.RetrieverSpec;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The specs committed under experiments/ load against the real shared data and expand as intended. */
class CommittedSpecsTest {

    private static final Path EXPERIMENTS = Path.of("experiments");
    private static final Path SCIFACT = Path.of(System.getProperty("ragworkbench.shared.data"), "scifact")
            .toAbsolutePath().normalize();

    @Test
    void baselinesCoverLexicalDenseAndHybridOnTestSplit() throws Exception {
        ExperimentSpec spec = ExperimentSpec.load(EXPERIMENTS.resolve("scifact-baselines.yaml"));

        assertThat(spec.name()).isEqualTo("scifact-baselines");
        assertThat(spec.corpus()).isEqualTo(new ExperimentSpec.Corpus(ImportFormat.BEIR,
                SCIFACT.resolve("corpus.jsonl").toRealPath()));
        assertThat(spec.evalSet()).isEqualTo(new ExperimentSpec.Beir("scifact/test",
                SCIFACT.resolve("queries.jsonl").toRealPath(), SCIFACT.resolve("qrels/test.tsv").toRealPath()));
        assertThat(spec.metrics()).extracting(Object::toString)
                .containsExactly("ndcg@10", "recall@100", "mrr@10", "map@100");
        assertThat(spec.top()).isEqualTo(1000);
        assertThat(spec.sample()).isEmpty();

        List<GridPoint> points = spec.expand();
        // 2 chunkers × (1 bm25 without embedder + 1 embedder × {dense, hybrid}) = 6
        assertThat(points).extracting(GridPoint::name).containsExactly(
                "none · bm25",
                "none · all-minilm-l6-v2 · dense",
                "none · all-minilm-l6-v2 · hybrid-rrf",
                "fixed-200-40 · bm25",
                "fixed-200-40 · all-minilm-l6-v2 · dense",
                "fixed-200-40 · all-minilm-l6-v2 · hybrid-rrf");
        assertThat(points.get(4).chunker()).isEqualTo(ChunkerSpec.parse("fixed:size=200,overlap=40"));
        assertThat(points.get(3).retriever()).isEqualTo(RetrieverSpec.parse("bm25:k1=0.9,b=0.4"));

        EvalSet set = spec.loadEvalSet();
        assertThat(set.name()).isEqualTo("scifact/test");
        assertThat(set.size()).isEqualTo(300);
    }

    @Test
    void bm25TuningIsLexicalOnlyOnTrainSplit() throws Exception {
        ExperimentSpec spec = ExperimentSpec.load(EXPERIMENTS.resolve("scifact-bm25-tuning.yaml"));

        assertThat(spec.evalSet().name()).isEqualTo("scifact/train");
        assertThat(spec.embedders()).containsExactly("none");
        List<GridPoint> points = spec.expand();
        assertThat(points).hasSize(6).allSatisfy(p -> {
            assertThat(p.embedder()).isEqualTo("none");
            assertThat(p.params()).containsEntry("embedding.model", "none").containsEntry("retrieval.kind", "bm25");
        });
        assertThat(points).extracting(GridPoint::name).doesNotHaveDuplicates()
                .contains("none · bm25", "none · bm25:b=0.75,k1=1.2", "none · bm25:b=0.3,k1=0.6");
        assertThat(spec.loadEvalSet().size()).isEqualTo(809);
    }

    @Test
    void covidSampleAnswersRunsEachPointOncePerModelWithAJudge() throws Exception {
        ExperimentSpec spec = ExperimentSpec.load(EXPERIMENTS.resolve("covid-sample-answers.yaml"));

        var answers = spec.answers().orElseThrow();
        assertThat(answers.models()).extracting(m -> m.ref().stored()).containsExactly("llama3");
        assertThat(answers.judge().orElseThrow().model().ref().stored()).isEqualTo("llama3");
        assertThat(answers.contextTop()).isEqualTo(5);
        assertThat(spec.expand()).extracting(GridPoint::name)
                .containsExactly("recursive-256-32 · bm25", "recursive-256-32 · all-minilm-l6-v2 · dense");
        var set = spec.loadEvalSet();
        assertThat(set.size()).isEqualTo(50);
        assertThat(set.queries().keySet()).allSatisfy(q -> assertThat(set.reference(q).answer()).isNotBlank());
    }

    @Test
    void quickSamplesFiftyTestQueriesReproducibly() throws Exception {
        ExperimentSpec spec = ExperimentSpec.load(EXPERIMENTS.resolve("scifact-quick.yaml"));

        assertThat(spec.sample()).contains(new ExperimentSpec.Sample(50, 42));
        assertThat(spec.expand()).singleElement().satisfies(p -> assertThat(p.params()).containsExactly(
                entry("corpus.path", SCIFACT.resolve("corpus.jsonl").toRealPath().toString()),
                entry("corpus.format", "beir"),
                entry("evalSet.name", "scifact/test"),
                entry("evalSet.sample.n", "50"),
                entry("evalSet.sample.seed", "42"),
                entry("chunking.kind", "none"),
                entry("embedding.model", "none"),
                entry("retrieval.kind", "bm25"),
                entry("retrieval.b", "0.4"),
                entry("retrieval.k1", "0.9"),
                entry("retrieval.top", "100")));

        EvalSet first = spec.loadEvalSet();
        EvalSet again = ExperimentSpec.load(EXPERIMENTS.resolve("scifact-quick.yaml")).loadEvalSet();
        EvalSet full = ExperimentSpec.load(EXPERIMENTS.resolve("scifact-baselines.yaml")).loadEvalSet();
        assertThat(first.size()).isEqualTo(50);
        assertThat(first.queries().keySet()).containsExactlyElementsOf(again.queries().keySet());
        assertThat(full.queries().keySet()).containsAll(first.queries().keySet());
        // another seed picks another subset (if it did not, the seed would not be reaching the sampler)
        assertThat(full.sample(50, 43).queries().keySet()).isNotEqualTo(first.queries().keySet());
        assertThat(first.qrels().queryIds()).isEqualTo(first.queries().keySet());
    }

    private static java.util.Map.Entry<String, String> entry(String k, String v) {
        return java.util.Map.entry(k, v);
    }
}
