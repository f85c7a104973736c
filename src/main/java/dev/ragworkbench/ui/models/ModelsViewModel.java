package dev.ragworkbench.ui.models;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ragworkbench.app.Workbench;
import dev.ragworkbench.evaluation.AnswerMetrics;
import dev.ragworkbench.evaluation.MetricComparison;
import dev.ragworkbench.evaluation.TestSet;
import dev.ragworkbench.evaluation.TestSetReader;
import dev.ragworkbench.experiment.ItemRecord;
import dev.ragworkbench.experiment.ModelRunner;
import dev.ragworkbench.experiment.spec.ModelRunSpec;
import dev.ragworkbench.format.Errors;
import dev.ragworkbench.generation.ChatModelSettings;
import dev.ragworkbench.generation.PromptTemplate;
import dev.ragworkbench.progress.ProgressListener;
import dev.ragworkbench.ui.tasks.TaskHandle;
import dev.ragworkbench.ui.tasks.TaskRequest;
import dev.ragworkbench.ui.tasks.TaskRunner;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * State and commands of the Models pane: a test set, the models to compare (stored ones and predictions files
 * added here), the prompt and metrics; a run of every picked model in the background (one run each, saved to the
 * history) with progress per model; then the items side by side, filtered, and the paired statistics of each
 * model against the first one from the comparison service.
 */
public final class ModelsViewModel {

    /** Which items the table shows. */
    public enum Filter {
        ALL("All items"), FAILED("Failed"), DIFFER("Models differ"), FLIPS("Flips");

        private final String label;

        Filter(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** What a finished comparison shows. */
    record Result(List<String> models, List<String> runIds, List<ItemRow> rows, List<AggregateRow> aggregates,
                  List<FlipRow> flips) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Workbench workbench;
    private final TaskRunner runner;
    private final Executor fx;

    private final ObjectProperty<Path> testSetPath = new SimpleObjectProperty<>();
    private final ObjectProperty<TestSet> testSet = new SimpleObjectProperty<>();
    private final ObservableList<ModelChoice> models = FXCollections.observableArrayList(
            m -> new javafx.beans.Observable[] {m.selectedProperty()});
    private final ObservableList<String> metrics = FXCollections.observableArrayList(
            AnswerMetrics.EXACT_MATCH, AnswerMetrics.TOKEN_F1, AnswerMetrics.ROUGE_L);
    private final StringProperty prompt = new SimpleStringProperty(PromptTemplate.DEFAULT_TEXT);
    private final BooleanProperty fresh = new SimpleBooleanProperty(false);
    private final BooleanProperty running = new SimpleBooleanProperty(false);
    private final StringProperty status = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");

    private final ObservableList<String> resultModels = FXCollections.observableArrayList();
    private final ObservableList<String> runIds = FXCollections.observableArrayList();
    private final ObservableList<ItemRow> rows = FXCollections.observableArrayList();
    private final FilteredList<ItemRow> shownRows = new FilteredList<>(rows);
    private final ObjectProperty<Filter> filter = new SimpleObjectProperty<>(Filter.ALL);
    private final ObjectProperty<ItemRow> selected = new SimpleObjectProperty<>();
    private final ObservableList<AggregateRow> aggregates = FXCollections.observableArrayList();
    private final ObservableList<FlipRow> flips = FXCollections.observableArrayList();
    private final BooleanBinding canRun;
    private TaskHandle task = TaskHandle.DONE;

    /** @param fx where progress from worker threads is applied (the FX thread; the caller's thread in tests) */
    public ModelsViewModel(Workbench workbench, TaskRunner runner, Executor fx) {
        this.workbench = workbench;
        this.runner = runner;
        this.fx = fx;
        filter.addListener((o, was, now) -> applyFilter());
        canRun = Bindings.createBooleanBinding(() -> !running.get() && testSet.get() != null
                        && models.stream().filter(m -> m.selectedProperty().get()).count() >= 2 && !metrics.isEmpty(),
                running, testSet, models, metrics);
    }

    /** Lists the stored models (off the FX thread: they come from the workspace database). */
    public void loadStoredModels() {
        runner.run(TaskRequest.of("Listing chat models", (p, c) -> workbench.storedChatModels()).unlisted()
                .onSuccess(list -> {
                    for (ChatModelSettings s : list) {
                        if (models.stream().noneMatch(m -> m.name().equals(s.name()))) {
                            ModelChoice choice = new ModelChoice(s, true);
                            choice.selectedProperty().set(false);
                            models.add(choice);
                        }
                    }
                }));
    }

    /** Reads the test set at {@code file}; a malformed line is shown as the error, naming the file and line. */
    public void openTestSet(Path file) {
        error.set("");
        runner.run(TaskRequest.of("Reading test set " + file.getFileName(), (p, c) -> TestSetReader.read(file))
                .silentErrors()
                .onSuccess(set -> {
                    testSetPath.set(file);
                    testSet.set(set);
                    status.set(set.size() + " items (" + set.format().id() + ")");
                })
                .onFailure(e -> error.set(Errors.sentence(e))));
    }

    /** Adds a predictions file ({@code {"id", "output"}} per line) as a model named after the file. */
    public ModelChoice addPredictions(Path file) {
        String base = String.valueOf(file.getFileName()).replaceFirst("(?i)\\.jsonl?$", "")
                .replaceAll("[^A-Za-z0-9._-]", "-");
        String name = base.isEmpty() ? "predictions" : base;
        Set<String> taken = new HashSet<>();
        models.forEach(m -> taken.add(m.name()));
        for (int i = 2; taken.contains(name); i++) {
            name = base + "-" + i;
        }
        var choice = new ModelChoice(ChatModelSettings.predictions(name, file.toAbsolutePath()), false);
        models.add(choice);
        return choice;
    }

    /** Runs every picked model on the test set, one after the other, then shows the comparison. */
    public void run() {
        if (!canRun.get()) {
            return;
        }
        var picked = models.stream().filter(m -> m.selectedProperty().get()).toList();
        String yaml = specYaml(testSet.get(), testSetPath.get(), picked, prompt.get(), metrics);
        Path source = workbench.workspace().root().resolve("models-pane.yaml");
        picked.forEach(m -> {
            m.progressProperty().set(0);
            m.stateProperty().set("waiting");
        });
        boolean askFresh = fresh.get();
        running.set(true);
        error.set("");
        status.set("Running " + picked.size() + " models on " + testSet.get().size() + " items…");
        task = runner.run(TaskRequest.<Result>of("Comparing models on " + testSet.get().name(), (progress, cancel) -> {
            ModelRunSpec spec = ModelRunSpec.parse(yaml, source);
            var outcomes = new ModelRunner(workbench, workbench.runs()).run(spec,
                    new ModelRunner.Options(null, null, askFresh), perModel(progress, picked), cancel);
            return result(outcomes);
        }).silentErrors().onSuccess(this::show).onFailure(e -> {
            error.set(Errors.sentence(e));
            status.set("");
        }).onFinished(() -> {
            running.set(false);
            picked.forEach(m -> {
                if (m.progressProperty().get() < 1) {
                    m.stateProperty().set("stopped");
                }
            });
            if (rows.isEmpty() && error.get().isEmpty()) {
                status.set("Cancelled; the runs done so far are in the history");
            }
        }));
    }

    public void cancel() {
        task.cancel();
    }

    private ProgressListener perModel(ProgressListener statusBar, List<ModelChoice> picked) {
        Map<String, ModelChoice> byStage = new LinkedHashMap<>();
        picked.forEach(m -> byStage.put(ModelRunner.stage(m.name()), m));
        return new ProgressListener() {
            @Override
            public void progress(String stage, long done, long total) {
                statusBar.progress(stage, done, total);
                ModelChoice m = byStage.get(stage);
                if (m != null && total > 0) {
                    double share = (double) done / total;
                    String line = done + " of " + total;
                    fx.execute(() -> {
                        m.progressProperty().set(share);
                        m.stateProperty().set(line);
                    });
                }
            }

            @Override
            public void note(String message) {
                statusBar.note(message);
            }
        };
    }

    /** The spec the pane runs, as YAML, so the runs it makes are those {@code run SPEC} would make. */
    static String specYaml(TestSet set, Path path, List<ModelChoice> picked, String prompt, List<String> metrics) {
        var y = new StringBuilder();
        String name = ("models-" + set.name()).replaceAll("[^A-Za-z0-9._-]", "-");
        y.append("name: ").append(q(name)).append('\n');
        y.append("description: ").append(q("Compared in the Models pane")).append('\n');
        y.append("testSet: { path: ").append(q(path.toAbsolutePath().toString())).append(", name: ")
                .append(q(set.name())).append(" }\n");
        y.append("models:\n");
        for (ModelChoice m : picked) {
            if (m.stored()) {
                y.append("  - ").append(q(m.name())).append('\n');
            } else {
                y.append("  - { name: ").append(q(m.name())).append(", provider: predictions, file: ")
                        .append(q(m.settings().predictionsFile().toString())).append(" }\n");
            }
        }
        y.append("prompt: { template: ").append(q(prompt)).append(" }\n");
        y.append("metrics: [ ").append(String.join(", ", metrics)).append(" ]\n");
        return y.toString();
    }

    /** A YAML double-quoted scalar: JSON's string escapes are YAML's too. */
    private static String q(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The rows, the paired statistics of every model against the first, and the flips (off the FX thread). */
    private Result result(List<ModelRunner.Outcome> outcomes) {
        var names = outcomes.stream().map(ModelRunner.Outcome::model).toList();
        var ids = outcomes.stream().map(o -> o.run().id()).toList();
        var aggregates = new ArrayList<AggregateRow>();
        var flipRows = new ArrayList<FlipRow>();
        var flipped = new HashSet<String>();
        var comparisons = workbench.comparisons();
        for (int i = 1; i < outcomes.size(); i++) {
            var c = comparisons.compare(ids.getFirst(), ids.get(i));
            for (MetricComparison m : c.metrics().values()) {
                var f = m.flips();
                aggregates.add(new AggregateRow(m.metric(), names.get(i), m.meanA(), m.meanB(), m.delta(), m.ciLow(),
                        m.ciHigh(), m.p(), f.map(MetricComparison.Flips::mcnemarP).orElse(Double.NaN),
                        f.map(x -> x.rightToWrong().size()).orElse(-1), f.map(x -> x.wrongToRight().size()).orElse(-1),
                        m.paired()));
                if (f.isPresent()) {
                    for (String id : f.get().rightToWrong()) {
                        flipRows.add(new FlipRow(id, names.get(i), m.metric(), true));
                        flipped.add(id);
                    }
                    for (String id : f.get().wrongToRight()) {
                        flipRows.add(new FlipRow(id, names.get(i), m.metric(), false));
                        flipped.add(id);
                    }
                }
            }
        }
        var rows = new ArrayList<ItemRow>();
        var first = outcomes.getFirst().items();
        for (int k = 0; k < first.size(); k++) {
            var byModel = new LinkedHashMap<String, ItemRecord>();
            for (var o : outcomes) {
                byModel.put(o.model(), o.items().get(k));
            }
            ItemRecord r = first.get(k);
            rows.add(new ItemRow(r.id(), r.prompt(), r.expected(), byModel, flipped.contains(r.id())));
        }
        return new Result(names, ids, rows, aggregates, flipRows);
    }

    private void show(Result result) {
        resultModels.setAll(result.models());
        runIds.setAll(result.runIds());
        rows.setAll(result.rows());
        aggregates.setAll(result.aggregates());
        flips.setAll(result.flips());
        applyFilter();
        selected.set(shownRows.isEmpty() ? null : shownRows.getFirst());
        long failed = result.rows().stream().filter(ItemRow::anyFailed).count();
        status.set(String.format(Locale.ROOT, "%d items, %d with a failed call; saved as runs %s", result.rows().size(),
                failed, String.join(", ", result.runIds())));
        models.forEach(m -> {
            if (result.models().contains(m.name())) {
                m.progressProperty().set(1);
                m.stateProperty().set("done");
            }
        });
    }

    private void applyFilter() {
        Filter f = filter.get();
        shownRows.setPredicate(switch (f) {
            case ALL -> r -> true;
            case FAILED -> ItemRow::anyFailed;
            case DIFFER -> ItemRow::modelsDiffer;
            case FLIPS -> ItemRow::flipped;
        });
    }

    /** Shows the item {@code id} (a flip list's entry), clearing a filter that hides it. */
    public void openItem(String id) {
        var row = rows.stream().filter(r -> r.id().equals(id)).findFirst().orElse(null);
        if (row == null) {
            return;
        }
        if (!shownRows.contains(row)) {
            filter.set(Filter.ALL);
        }
        selected.set(row);
    }

    public ObjectProperty<Path> testSetPathProperty() { return testSetPath; }
    public ObjectProperty<TestSet> testSetProperty() { return testSet; }
    public ObservableList<ModelChoice> models() { return models; }
    public ObservableList<String> metrics() { return metrics; }
    public StringProperty promptProperty() { return prompt; }
    public BooleanProperty freshProperty() { return fresh; }
    public BooleanProperty runningProperty() { return running; }
    public StringProperty statusProperty() { return status; }
    public StringProperty errorProperty() { return error; }
    public BooleanBinding canRun() { return canRun; }
    public ObservableList<String> resultModels() { return resultModels; }
    public ObservableList<String> runIds() { return runIds; }
    public ObservableList<ItemRow> rows() { return rows; }
    public FilteredList<ItemRow> shownRows() { return shownRows; }
    public ObjectProperty<Filter> filterProperty() { return filter; }
    public ObjectProperty<ItemRow> selectedProperty() { return selected; }
    public ObservableList<AggregateRow> aggregates() { return aggregates; }
    public ObservableList<FlipRow> flips() { return flips; }

    public void dispose() {
        task.cancel();
    }
}
