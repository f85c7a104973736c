package dev.ragworkbench.ui.experiments.launch;

import dev.ragworkbench.chunking.ChunkerSpec;
import dev.ragworkbench.evaluation.Metric;
import dev.ragworkbench.experiment.form.SpecForm;
import dev.ragworkbench.experiment.spec.AnswerSetup;
import dev.ragworkbench.experiment.spec.ExperimentSpec;
import dev.ragworkbench.experiment.spec.ExperimentSpec.Corpus;
import dev.ragworkbench.experiment.spec.ExperimentSpec.EvalSetSource;
import dev.ragworkbench.experiment.spec.ModelRunSpec.ModelRef;
import dev.ragworkbench.retrieval.RetrieverSpec;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.SequencedMap;

/**
 * The experiment form's fields as properties the view binds to; {@link #snapshot()} is the core's
 * {@link SpecForm} of them and {@link #load} fills them from one. Only the FX thread touches it.
 */
public final class LaunchForm {

    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty description = new SimpleStringProperty("");
    private final ObjectProperty<Corpus> corpus = new SimpleObjectProperty<>();
    private final ObjectProperty<EvalSetSource> evalSet = new SimpleObjectProperty<>();
    private final BooleanProperty sampled = new SimpleBooleanProperty(false);
    private final IntegerProperty sampleSize = new SimpleIntegerProperty(50);
    private final IntegerProperty seed = new SimpleIntegerProperty((int) ExperimentSpec.DEFAULT_SEED);
    private final ObservableList<ChunkerSpec> chunkers = FXCollections.observableArrayList();
    private final ObservableList<String> embedders = FXCollections.observableArrayList();
    private final ObservableList<RetrieverSpec> retrievers = FXCollections.observableArrayList();
    private final ObservableList<Metric> metrics = FXCollections.observableArrayList();
    private final IntegerProperty top = new SimpleIntegerProperty(ExperimentSpec.DEFAULT_TOP);
    /** The models that answer each point's queries; empty for a retrieval-only grid. */
    private final ObservableList<ModelRef> models = FXCollections.observableArrayList();
    private final ObjectProperty<ModelRef> judge = new SimpleObjectProperty<>();
    private final IntegerProperty contextTop = new SimpleIntegerProperty(AnswerSetup.DEFAULT_CONTEXT_TOP);
    /** What the form has no control for, kept from a loaded spec so that writing it again loses nothing. */
    private SpecForm.Answers kept = SpecForm.Answers.of(List.of());
    /** {@code key=value, key=value}; pairs without '=' are left out (see {@link #tags()}). */
    private final StringProperty tags = new SimpleStringProperty("");

    LaunchForm() {
        load(SpecForm.blank("experiment"));
    }

    /** Everything a change of which changes the spec. */
    Observable[] fields() {
        return new Observable[]{name, description, corpus, evalSet, sampled, sampleSize, seed, chunkers, embedders,
                retrievers, metrics, top, tags, models, judge, contextTop};
    }

    public SpecForm snapshot() {
        Optional<ExperimentSpec.Sample> sample = sampled.get() && sampleSize.get() >= 1
                ? Optional.of(new ExperimentSpec.Sample(sampleSize.get(), seed.get())) : Optional.empty();
        var answers = new SpecForm.Answers(List.copyOf(models), kept.prompt(), kept.promptFile(), contextTop.get(),
                judge.get(), kept.judgeQuestions());
        return new SpecForm(name.get(), description.get(), corpus.get(), evalSet.get(), List.copyOf(chunkers),
                List.copyOf(embedders), List.copyOf(retrievers), List.copyOf(metrics), top.get(), sample, tags(),
                Optional.of(answers));
    }

    public void load(SpecForm form) {
        name.set(form.name());
        description.set(form.description());
        corpus.set(form.corpus());
        evalSet.set(form.evalSet());
        sampled.set(form.sample().isPresent());
        form.sample().ifPresent(s -> {
            sampleSize.set(s.n());
            seed.set((int) s.seed());
        });
        chunkers.setAll(form.chunkers());
        embedders.setAll(form.embedders());
        retrievers.setAll(form.retrievers());
        metrics.setAll(form.metrics());
        top.set(form.top());
        kept = form.answers().orElse(SpecForm.Answers.of(List.of()));
        models.setAll(kept.models());
        judge.set(kept.judge());
        contextTop.set(kept.contextTop());
        var text = new StringBuilder();
        form.tags().forEach((k, v) -> text.append(text.isEmpty() ? "" : ", ").append(k).append('=').append(v));
        tags.set(text.toString());
    }

    /** The tags field read as pairs: {@code dataset=scifact, split=test}. */
    SequencedMap<String, String> tags() {
        var map = new LinkedHashMap<String, String>();
        for (String pair : tags.get().split(",")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && !pair.substring(0, eq).isBlank()) {
                map.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
            }
        }
        return map;
    }

    public StringProperty name() { return name; }
    public StringProperty description() { return description; }
    public ObjectProperty<Corpus> corpus() { return corpus; }
    public ObjectProperty<EvalSetSource> evalSet() { return evalSet; }
    public BooleanProperty sampled() { return sampled; }
    public IntegerProperty sampleSize() { return sampleSize; }
    public IntegerProperty seed() { return seed; }
    public ObservableList<ChunkerSpec> chunkers() { return chunkers; }
    public ObservableList<String> embedders() { return embedders; }
    public ObservableList<RetrieverSpec> retrievers() { return retrievers; }
    public ObservableList<Metric> metrics() { return metrics; }
    public IntegerProperty top() { return top; }
    public StringProperty tagsText() { return tags; }
    public ObservableList<ModelRef> models() { return models; }
    public ObjectProperty<ModelRef> judge() { return judge; }
    public IntegerProperty contextTop() { return contextTop; }
}
