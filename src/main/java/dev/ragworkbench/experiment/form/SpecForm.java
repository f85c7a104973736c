package dev.ragworkbench.experiment.form;

import dev.ragworkbench.chunking.ChunkerKind;
import dev.ragworkbench.chunking.ChunkerSpec;
import dev.ragworkbench.evaluation.Metric;
import dev.ragworkbench.experiment.spec.AnswerSetup;
import dev.ragworkbench.experiment.spec.ExperimentSpec;
import dev.ragworkbench.experiment.spec.ExperimentSpec.Corpus;
import dev.ragworkbench.experiment.spec.ExperimentSpec.EvalSetSource;
import dev.ragworkbench.experiment.spec.ExperimentSpec.Sample;
import dev.ragworkbench.experiment.spec.ModelRunSpec.ModelRef;
import dev.ragworkbench.generation.PromptTemplate;
import dev.ragworkbench.index.IndexSettings;
import dev.ragworkbench.retrieval.RetrieverSpec;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SequencedMap;

/**
 * What the window's experiment form holds: the same facts as an {@link ExperimentSpec}, but possibly incomplete
 * (no corpus or eval set chosen yet, an empty axis) since a form is filled in step by step. {@link SpecYaml} writes
 * it as the YAML the command line runs, and {@link #of(ExperimentSpec)} reads a loaded spec back into a form.
 *
 * @param corpus    null until chosen
 * @param evalSet   null until chosen; its {@code name} is the report label, null for the label the spec derives
 * @param embedders the models of the embedding axis, without {@value IndexSettings#NO_EMBEDDER}: an empty list
 *                  is the lexical-only {@code embedding: [ none ]}
 * @param answers   the {@code models} axis and its prompt and judge, if every point's queries are to be answered
 */
public record SpecForm(String name, String description, Corpus corpus, EvalSetSource evalSet,
                       List<ChunkerSpec> chunkers, List<String> embedders, List<RetrieverSpec> retrievers,
                       List<Metric> metrics, int top, Optional<Sample> sample, SequencedMap<String, String> tags,
                       Optional<Answers> answers) {

    /**
     * The answer keys of a spec: the models (stored names, or models defined in the spec itself), the prompt, how
     * many chunks go into it, and the judge. An empty model list means no answers.
     *
     * @param prompt     the prompt's own text, or null for the default prompt or a prompt file
     * @param promptFile the file the prompt is read from, or null
     * @param judge      the judge model, or null for none
     */
    public record Answers(List<ModelRef> models, String prompt, Path promptFile, int contextTop, ModelRef judge,
                          int judgeQuestions) {
        public Answers {
            models = List.copyOf(new LinkedHashSet<>(models));
        }

        /** Stored models answering from the top {@value AnswerSetup#DEFAULT_CONTEXT_TOP} chunks, no judge. */
        public static Answers of(List<ModelRef> models) {
            return new Answers(models, null, null, AnswerSetup.DEFAULT_CONTEXT_TOP, null,
                    AnswerSetup.DEFAULT_QUESTIONS);
        }

        static Answers of(AnswerSetup setup) {
            String text = setup.promptFile() != null
                    || setup.prompt().text().equals(PromptTemplate.DEFAULT_RAG_TEXT) ? null : setup.prompt().text();
            return new Answers(setup.models().stream().map(AnswerSetup.Model::ref).toList(), text,
                    setup.promptFile(), setup.contextTop(),
                    setup.judge().map(j -> j.model().ref()).orElse(null),
                    setup.judge().map(AnswerSetup.Judge::questions).orElse(AnswerSetup.DEFAULT_QUESTIONS));
        }

        public List<String> modelNames() {
            return models.stream().map(ModelRef::name).toList();
        }
    }

    /** A form whose grid is not answered by any model. */
    public SpecForm(String name, String description, Corpus corpus, EvalSetSource evalSet,
                    List<ChunkerSpec> chunkers, List<String> embedders, List<RetrieverSpec> retrievers,
                    List<Metric> metrics, int top, Optional<Sample> sample, SequencedMap<String, String> tags) {
        this(name, description, corpus, evalSet, chunkers, embedders, retrievers, metrics, top, sample, tags,
                Optional.empty());
    }

    public SpecForm {
        name = name == null ? "" : name.strip();
        description = description == null ? "" : description.strip();
        chunkers = List.copyOf(new LinkedHashSet<>(chunkers));
        embedders = embedders.stream().filter(e -> !e.equals(IndexSettings.NO_EMBEDDER)).distinct().toList();
        retrievers = List.copyOf(new LinkedHashSet<>(retrievers));
        metrics = List.copyOf(new LinkedHashSet<>(metrics));
        Objects.requireNonNull(sample, "sample");
        tags = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(tags));
        answers = answers.filter(a -> !a.models().isEmpty());
    }

    /** A new form: whole documents, BM25 with its defaults, the usual metrics, no corpus or eval set yet. */
    public static SpecForm blank(String name) {
        return new SpecForm(name, "", null, null, List.of(ChunkerSpec.defaults(ChunkerKind.NONE)), List.of(),
                List.of(RetrieverSpec.parse("bm25")), List.of(Metric.parse("ndcg@10"), Metric.parse("recall@100")),
                ExperimentSpec.DEFAULT_TOP, Optional.empty(), new LinkedHashMap<>());
    }

    /** The form of a loaded spec: writing it again gives a spec equal to {@code spec} (paths absolute). */
    public static SpecForm of(ExperimentSpec spec) {
        return new SpecForm(spec.name(), spec.description(), spec.corpus(), spec.evalSet(), spec.chunkers(),
                spec.embedders(), spec.retrievers(), spec.metrics(), spec.top(), spec.sample(), spec.tags(),
                spec.answers().map(Answers::of));
    }

    /** The names of the models that answer each point's queries; none for a retrieval-only grid. */
    public List<String> modelNames() {
        return answers.map(Answers::modelNames).orElse(List.of());
    }

    /**
     * This form as an (unvalidated) spec, only to expand its grid with {@link ExperimentSpec#expand()}, the code
     * {@code run} uses; what is not chosen yet stands in as an empty placeholder.
     */
    ExperimentSpec forExpansion() {
        var corpus = this.corpus != null ? this.corpus
                : new Corpus(dev.ragworkbench.ingest.ImportFormat.FILES, Path.of(""));
        EvalSetSource evalSet = this.evalSet != null ? this.evalSet : new ExperimentSpec.Stored("", "");
        return new ExperimentSpec(name.isEmpty() ? "preview" : name, description, corpus, evalSet,
                chunkers.isEmpty() ? List.of(ChunkerSpec.defaults(ChunkerKind.NONE)) : chunkers,
                embedders.isEmpty() ? List.of(IndexSettings.NO_EMBEDDER) : embedders, retrievers, metrics,
                Math.max(1, top), sample, tags, Path.of("preview.yaml").toAbsolutePath(), "");
    }

    public SpecForm withName(String name) {
        return new SpecForm(name, description, corpus, evalSet, chunkers, embedders, retrievers, metrics, top,
                sample, tags, answers);
    }
}
