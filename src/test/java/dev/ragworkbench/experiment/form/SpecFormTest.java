package dev.ragworkbench.experiment.form;

import dev.ragworkbench.chunking.ChunkerSpec;
import dev.ragworkbench.evaluation.Metric;
import dev.ragworkbench.experiment.spec.ExperimentSpec;
import dev.ragworkbench.experiment.spec.ModelRunSpec.ModelRef;
import dev.ragworkbench.generation.ChatModelSettings;
import dev.ragworkbench.generation.ChatProvider;
import dev.ragworkbench.experiment.spec.SpecException;
import dev.ragworkbench.ingest.ImportFormat;
import dev.ragworkbench.retrieval.RetrieverSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The form's YAML is a spec {@code run} reads back to the same form, and its grid preview is {@code run}'s grid. */
class SpecFormTest {

    @TempDir
    Path dir;

    private SpecForm fullForm(Path data) throws Exception {
        var tags = new LinkedHashMap<String, String>();
        tags.put("dataset", "tiny");
        tags.put("note", "yes, quoted: #1");
        return new SpecForm("tiny-grid", "a \"quoted\" description", new ExperimentSpec.Corpus(ImportFormat.BEIR,
                data.resolve("corpus.jsonl").toRealPath()),
                new ExperimentSpec.Beir("tiny/test", data.resolve("queries.jsonl").toRealPath(),
                        data.resolve("qrels/test.tsv").toRealPath()),
                List.of(ChunkerSpec.parse("none"), ChunkerSpec.parse("fixed:size=64,overlap=8")),
                List.of("all-minilm-l6-v2", "bge-small-en-v1.5-q"),
                List.of(RetrieverSpec.parse("bm25:k1=1.2,b=0.75"), RetrieverSpec.parse("dense"),
                        RetrieverSpec.parse("hybrid-rrf:k=30,depth=50"), RetrieverSpec.parse("hybrid-weighted:alpha=0.3")),
                List.of(Metric.parse("ndcg@10"), Metric.parse("recall@100"), Metric.parse("success@10")), 200,
                Optional.of(new ExperimentSpec.Sample(2, 7)), tags);
    }

    @Test
    void aFilledFormWritesTheSpecThatRunReadsBackToTheSameForm() throws Exception {
        Path data = dir.resolve("data");
        TinyBeir.write(data);
        var form = fullForm(data);
        Path specFile = dir.resolve("specs/tiny-grid.yaml");
        String yaml = SpecYaml.write(form, specFile);
        Files.createDirectories(specFile.getParent());
        Files.writeString(specFile, yaml);

        ExperimentSpec spec = ExperimentSpec.load(specFile); // what `run specs/tiny-grid.yaml` reads
        assertThat(SpecForm.of(spec)).isEqualTo(form);
        assertThat(spec.yaml()).isEqualTo(yaml);
        // inside the spec's folder's grandparent, paths are relative, as the committed specs write them
        assertThat(yaml).contains("path: \"../data/corpus.jsonl\"").contains("name: tiny-grid\n")
                .contains("  - { kind: bm25, b: 0.75, k1: 1.2 }\n");
        // a label of the user's own is written; the one the reader derives (data/test) would not be
        assertThat(yaml).contains(", name: \"tiny/test\" }");
    }

    @Test
    void everyCommittedSpecRoundTripsThroughTheForm() throws Exception {
        try (var specs = Files.list(Path.of("experiments"))) {
            for (Path file : specs.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                ExperimentSpec committed = ExperimentSpec.load(file);
                String written = SpecYaml.write(SpecForm.of(committed), file);
                ExperimentSpec again = ExperimentSpec.parse(written, file);
                assertThat(SpecForm.of(again)).as(file.toString()).isEqualTo(SpecForm.of(committed));
                assertThat(GridPreview.of(again).points()).as(file.toString()).isEqualTo(committed.expand());
                assertThat(written).as(file.toString()).doesNotContain("scifact/t");
            }
        }
    }

    @Test
    void thePreviewIsRunsExpansionWithTheLexicalRule() throws Exception {
        ExperimentSpec baselines = ExperimentSpec.load(Path.of("experiments/scifact-baselines.yaml"));
        var form = SpecForm.of(baselines);
        assertThat(GridPreview.of(form).points()).isEqualTo(baselines.expand()).hasSize(6);

        // a second embedder: 2 × (1 bm25 + 2 × {dense, hybrid-rrf}) = 10, not 12
        var two = new SpecForm(form.name(), "", form.corpus(), form.evalSet(), form.chunkers(),
                List.of("all-minilm-l6-v2", "bge-small-en-v1.5-q"), form.retrievers(), form.metrics(), form.top(),
                form.sample(), form.tags());
        var preview = GridPreview.of(two);
        assertThat(preview.points()).hasSize(10)
                .isEqualTo(ExperimentSpec.parse(SpecYaml.write(two, baselines.source()), baselines.source()).expand());
        assertThat(preview.summary()).startsWith("10 runs: none · bm25, none · all-minilm-l6-v2 · dense, "
                + "none · all-minilm-l6-v2 · hybrid-rrf, none · bge-small-en-v1.5-q · dense, …");
    }

    @Test
    void aBlankFormPreviewsBeforeAnythingIsChosenAndItsYamlSaysWhatIsMissing() {
        var form = SpecForm.blank("new-experiment");
        assertThat(GridPreview.of(form).summary()).isEqualTo("1 run: none · bm25");
        Path source = dir.resolve("new-experiment.yaml");
        var check = SpecCheck.check(SpecYaml.write(form, source), source);
        assertThat(check.valid()).isFalse();
        assertThat(check.problems()).extracting(p -> p.problem().message())
                .anySatisfy(m -> assertThat(m).contains("corpus"))
                .anySatisfy(m -> assertThat(m).contains("evalSet"));
    }

    @Test
    void problemsCarryRunsMessagesAndTheSpanOfTheirToken() throws Exception {
        Path data = dir.resolve("data");
        TinyBeir.write(data);
        Path source = dir.resolve("bad.yaml");
        String yaml = SpecYaml.write(fullForm(data), source)
                .replace("{ kind: fixed, size: 64, overlap: 8 }", "{ kind: fixed, size: -5, overlap: 8 }")
                .replace("name: tiny-grid\n", "name: tiny-grid\ncolour: red\n");
        var check = SpecCheck.check(yaml, source);
        Files.writeString(source, yaml);
        var thrown = assertThatThrownBy(() -> ExperimentSpec.load(source)).isInstanceOf(SpecException.class)
                .actual();
        // the same lines `run` prints
        assertThat(check.problems()).extracting(SpecCheck.Located::text)
                .containsExactlyElementsOf(List.of(thrown.getMessage().split("\n")));
        assertThat(check.problems()).hasSize(2);
        var colour = check.problems().get(0);
        assertThat(yaml.substring(colour.start(), colour.end())).isEqualTo("colour");
        var size = check.problems().get(1);
        assertThat(yaml.substring(size.start(), size.end())).isEqualTo("-5");
        assertThat(size.text()).startsWith(source + ":" + size.problem().line() + ":" + size.problem().column()
                + ": size must be between 8 and 65536 tokens, got -5");
    }

    @Test
    void theCopiedCommandNamesTheSpecAndANonDefaultWorkspace() {
        assertThat(RunCommandText.of(Path.of("experiments/scifact-quick.yaml"), null))
                .isEqualTo("rag-workbench run experiments/scifact-quick.yaml");
        assertThat(RunCommandText.of(Path.of("/tmp/my specs/x.yaml"), Path.of("/tmp/ws")))
                .isEqualTo("rag-workbench run '/tmp/my specs/x.yaml' --workspace /tmp/ws");
    }

    @Test
    void aModelsAxisIsWrittenReadBackAndPreviewedAsPointsTimesModels() throws Exception {
        var base = SpecForm.of(ExperimentSpec.load(Path.of("experiments/covid-sample-answers.yaml")));
        var inline = new ChatModelSettings("local", ChatProvider.OPENAI, "http://localhost:8000/v1", "qwen2.5:7b",
                null, 0.0, 256, Duration.ofSeconds(30), 2, "MY_KEY", null, null);
        var answers = new SpecForm.Answers(List.of(ModelRef.stored("llama3"), ModelRef.inline(inline)),
                "Answer {question} from:\n{context}", null, 3, ModelRef.stored("judge-model"), 2);
        var form = new SpecForm(base.name(), base.description(), base.corpus(), base.evalSet(), base.chunkers(),
                base.embedders(), base.retrievers(), base.metrics(), base.top(), base.sample(), base.tags(),
                Optional.of(answers));

        var preview = GridPreview.of(form);
        assertThat(preview.runs()).isEqualTo(4);
        assertThat(preview.summary()).isEqualTo("4 runs (2 points × 2 models): recursive-256-32 · bm25 · llama3, "
                + "recursive-256-32 · bm25 · local, recursive-256-32 · all-minilm-l6-v2 · dense · llama3, "
                + "recursive-256-32 · all-minilm-l6-v2 · dense · local");

        Path file = Path.of("experiments/answers-from-the-form.yaml").toAbsolutePath();
        String yaml = SpecYaml.write(form, file);
        assertThat(yaml).contains("models:\n  - llama3\n  - { name: local, provider: openai, ")
                .contains("prompt: { template: \"Answer {question} from:\\n{context}\", contextTop: 3 }\n")
                .contains("judge:  { model: judge-model, questions: 2 }\n");
        ExperimentSpec read = ExperimentSpec.parse(yaml, file);
        assertThat(read.answers()).hasValueSatisfying(a -> {
            assertThat(a.models()).extracting(m -> m.ref()).containsExactly(ModelRef.stored("llama3"),
                    ModelRef.inline(inline));
            assertThat(a.prompt().text()).isEqualTo("Answer {question} from:\n{context}");
            assertThat(a.contextTop()).isEqualTo(3);
            assertThat(a.judge()).hasValueSatisfying(j -> assertThat(j.questions()).isEqualTo(2));
        });
        assertThat(SpecForm.of(read)).isEqualTo(form);
        assertThat(GridPreview.of(read).names()).isEqualTo(preview.names());

        // without models nothing is answered, and no answer keys are written
        var none = new SpecForm(base.name(), base.description(), base.corpus(), base.evalSet(), base.chunkers(),
                base.embedders(), base.retrievers(), base.metrics(), base.top(), base.sample(), base.tags(),
                Optional.of(SpecForm.Answers.of(List.of())));
        assertThat(none.answers()).isEmpty();
        assertThat(SpecYaml.write(none, file)).doesNotContain("\nmodels:").doesNotContain("\nprompt:").doesNotContain("\njudge:");
        assertThat(GridPreview.of(none).summary()).isEqualTo(
                "2 runs: recursive-256-32 · bm25, recursive-256-32 · all-minilm-l6-v2 · dense");
    }
}
