package dev.ragworkbench.ui.experiments.launch;

import dev.ragworkbench.experiment.ExperimentRunner;
import dev.ragworkbench.experiment.form.GridLaunch;
import dev.ragworkbench.experiment.form.GridPreview;
import dev.ragworkbench.generation.ChatModelSettings;
import dev.ragworkbench.experiment.form.RunCommandText;
import dev.ragworkbench.experiment.form.SpecCheck;
import dev.ragworkbench.experiment.form.SpecForm;
import dev.ragworkbench.experiment.form.SpecYaml;
import dev.ragworkbench.experiment.spec.ExperimentSpec;
import dev.ragworkbench.experiment.spec.ExperimentSpec.Corpus;
import dev.ragworkbench.experiment.spec.ExperimentSpec.EvalSetSource;
import dev.ragworkbench.format.Errors;
import dev.ragworkbench.ingest.ImportFormat;
import dev.ragworkbench.ui.common.Debouncer;
import dev.ragworkbench.ui.tasks.TaskHandle;
import dev.ragworkbench.ui.tasks.TaskRequest;
import dev.ragworkbench.ui.tasks.TaskRunner;
import dev.ragworkbench.ui.workspace.WorkspaceSession;
import javafx.beans.InvalidationListener;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * State and commands of "Start an experiment": the form, the exact YAML it makes (or the user's own edit of it),
 * that text's problems as {@code run} reports them, the grid preview, and the launch of the grid through
 * {@link GridLaunch} on the {@link TaskRunner}. A valid edited YAML is what runs; the form then shows it read-only
 * until {@link #backToForm()}.
 */
public final class LaunchViewModel {

    /** A pick of a combo box: what it shows and what it means. */
    public record Choice<T>(String label, T value) {
        @Override
        public String toString() {
            return label;
        }
    }

    private final WorkspaceSession session;
    private final TaskRunner runner;
    private final Debouncer checks;
    private final LaunchForm form = new LaunchForm();
    private final LaunchProgress progress;
    private final ObservableList<Choice<Corpus>> corpora = FXCollections.observableArrayList();
    private final ObservableList<Choice<EvalSetSource>> evalSets = FXCollections.observableArrayList();
    /** Stored chat models that can answer new questions (a predictions file cannot). */
    private final ObservableList<String> chatModels = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper preview = new ReadOnlyStringWrapper("");
    private final StringProperty yaml = new SimpleStringProperty("");
    private final ReadOnlyBooleanWrapper yamlMode = new ReadOnlyBooleanWrapper(false);
    private final ObservableList<SpecCheck.Located> problems = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<ExperimentSpec> spec = new ReadOnlyObjectWrapper<>();
    private final ObjectProperty<Path> specFile = new SimpleObjectProperty<>();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final BooleanProperty disposed = new SimpleBooleanProperty(false);
    /** Whether the user chose where the spec lives (opened or saved it); else it follows the name. */
    private boolean fileChosen;
    /** Set while this class writes the YAML or fills the form, so those are not taken for the user's edits. */
    private boolean updating;
    private int checksStarted;
    private TaskHandle launch = TaskHandle.DONE;

    /**
     * @param fx     where progress from worker threads is applied: {@code Platform::runLater}, or
     *               {@code Runnable::run} in tests on one thread
     * @param checks when a changed text is checked: after a pause while typing, or at once in tests
     */
    public LaunchViewModel(WorkspaceSession session, TaskRunner runner, Executor fx, Debouncer checks) {
        this.session = session;
        this.runner = runner;
        this.checks = checks;
        this.progress = new LaunchProgress(fx);
        specFile.set(defaultFile(form.name().get()));
        InvalidationListener formChanged = o -> formChanged();
        for (var field : form.fields()) {
            field.addListener(formChanged);
        }
        form.name().addListener((o, a, b) -> {
            if (!fileChosen) {
                specFile.set(defaultFile(b));
            }
        });
        specFile.addListener(o -> formChanged());
        // the window reads the stored sets after its first frame, and imports add more
        session.goldenSets().addListener((javafx.collections.ListChangeListener<Object>) c -> listEvalSets());
        yaml.addListener((o, a, b) -> {
            if (!updating) {
                yamlMode.set(true);
            }
            scheduleCheck();
        });
        formChanged();
    }

    /** Lists the workspace's corpora (their sources, read again by a run) and its stored eval sets. */
    public void refreshChoices() {
        listEvalSets();
        runner.run(TaskRequest.<List<Choice<Corpus>>>of("Listing corpora", (p, c) ->
                        session.workbench().documents().corpora().stream().map(info -> {
                            Path source = Path.of(info.source());
                            var corpus = new Corpus(ImportFormat.fromId(info.format()).resolve(source), source);
                            return new Choice<>(info.name() + " (" + info.documents() + " documents)", corpus);
                        }).toList())
                .unlisted().onSuccess(corpora::setAll));
        runner.run(TaskRequest.<List<String>>of("Listing chat models", (p, c) ->
                        session.workbench().storedChatModels().stream()
                                .filter(ChatModelSettings::answersNewPrompts).map(ChatModelSettings::name).toList())
                .unlisted().onSuccess(chatModels::setAll));
    }

    private void listEvalSets() {
        evalSets.setAll(session.goldenSets().stream().map(s -> new Choice<EvalSetSource>(
                s.name() + " (" + s.size() + " queries)", new ExperimentSpec.Stored(s.name(), s.name()))).toList());
    }

    /** A file or folder as the corpus: a {@code .jsonl} file is read as BEIR, anything else as documents. */
    public void useCorpusPath(Path path) {
        runner.run(TaskRequest.<Corpus>of("Choosing " + path.getFileName(), (p, c) ->
                        new Corpus(ImportFormat.AUTO.resolve(path), path.toAbsolutePath().normalize()))
                .unlisted().onSuccess(form.corpus()::set));
    }

    /** Eval-set files, labelled the way a spec that names none is. */
    public void useEvalSetFiles(EvalSetSource files) {
        form.evalSet().set(withDefaultLabel(files));
    }

    static EvalSetSource withDefaultLabel(EvalSetSource s) {
        String label = SpecYaml.defaultLabel(s);
        return switch (s) {
            case ExperimentSpec.Beir b -> new ExperimentSpec.Beir(label, b.queries(), b.qrels());
            case ExperimentSpec.Trec t -> new ExperimentSpec.Trec(label, t.topics(), t.qrels());
            case ExperimentSpec.Squad q -> new ExperimentSpec.Squad(label, q.path());
            case ExperimentSpec.Ragas r -> new ExperimentSpec.Ragas(label, r.path());
            case ExperimentSpec.Stored st -> st;
        };
    }

    private void formChanged() {
        if (updating) {
            return;
        }
        SpecForm snapshot = form.snapshot();
        preview.set(GridPreview.of(snapshot).summary());
        if (!yamlMode.get()) {
            setYaml(SpecYaml.write(snapshot, specFile.get()));
        }
    }

    private void setYaml(String text) {
        updating = true;
        try {
            yaml.set(text);
        } finally {
            updating = false;
        }
    }

    /** Checks the text as {@code run} would, off the FX thread (it looks for the files the spec names). */
    private void scheduleCheck() {
        checks.request(() -> {
            String text = yaml.get();
            Path source = specFile.get();
            int check = ++checksStarted;
            runner.run(TaskRequest.<SpecCheck>of("Checking the spec", (p, c) -> SpecCheck.check(text, source))
                    .unlisted().silentErrors().onSuccess(result -> {
                        if (check == checksStarted && !disposed.get()) {
                            applyCheck(result);
                        }
                    }));
        });
    }

    private void applyCheck(SpecCheck result) {
        problems.setAll(result.problems());
        spec.set(result.spec().orElse(null));
        if (yamlMode.get() && result.spec().isPresent()) {
            // the form shows the edited spec, read-only, and the preview is that spec's grid
            updating = true;
            try {
                form.load(SpecForm.of(result.spec().get()));
            } finally {
                updating = false;
            }
            preview.set(GridPreview.of(result.spec().get()).summary());
        }
    }

    /** Leaves the edited YAML: the form is editable again and writes the YAML (of the last valid edit, if any). */
    public void backToForm() {
        yamlMode.set(false);
        formChanged();
    }

    /** Reads a spec file into the YAML tab as it is (comments kept); a valid one also fills the form. */
    public void open(Path file) {
        runner.run(TaskRequest.<String>of("Opening " + file.getFileName(), (p, c) -> Files.readString(file))
                .onSuccess(text -> {
                    fileChosen = true;
                    specFile.set(file.toAbsolutePath().normalize());
                    yamlMode.set(true);
                    yaml.set(text);
                    scheduleCheck();
                    status.set("Opened " + file + ".");
                }));
    }

    /** Writes the spec to {@code file}; from the form, with paths relative to where it now lives. */
    public void save(Path file, Runnable then) {
        Path target = file.toAbsolutePath().normalize();
        String text = yamlMode.get() ? yaml.get() : SpecYaml.write(form.snapshot(), target);
        runner.run(TaskRequest.<Path>of("Saving " + target.getFileName(), (p, c) -> write(target, text))
                .onSuccess(saved -> {
                    fileChosen = true;
                    specFile.set(saved);
                    if (!yamlMode.get()) {
                        setYaml(text);
                    }
                    status.set("Saved " + saved + ".");
                    then.run();
                }));
    }

    private static Path write(Path file, String text) throws java.io.IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    /** {@code rag-workbench run PATH}: the spec is saved first, so the line runs what the window would. */
    public void copyCommand(Consumer<String> command) {
        save(specFile.get(), () -> command.accept(RunCommandText.of(specFile.get(), session.root())));
    }

    public boolean canRun() {
        return spec.get() != null && problems.isEmpty() && !running.get();
    }

    /**
     * Saves the spec where it lives and runs it: indexes first, then every run, each recorded as it starts.
     * {@code onDone} gets the finished runs' ids (none when it failed or was cancelled before one finished).
     */
    public void run(Consumer<List<String>> onDone) {
        if (!canRun()) {
            status.set(problems.isEmpty() ? "The spec is still being checked." : "Fix the spec's problems first.");
            return;
        }
        String text = yaml.get();
        Path file = specFile.get();
        ExperimentSpec checked = spec.get();
        progress.reset(GridPreview.of(checked).names());
        running.set(true);
        status.set("Running " + checked.name() + ": " + GridPreview.of(checked).summary());
        var bench = session.workbench();
        var done = new java.util.ArrayList<String>();
        var ended = new boolean[1];
        launch = runner.run(TaskRequest.<List<ExperimentRunner.Outcome>>of("Running " + checked.name(), (p, cancel) -> {
                    write(file, text);
                    ExperimentSpec loaded = ExperimentSpec.load(file); // as `run FILE` reads it
                    return new GridLaunch(bench, bench.runs()).run(loaded, progress, cancel);
                })
                .silentErrors()
                .onSuccess(outcomes -> {
                    ended[0] = true;
                    outcomes.forEach(o -> done.add(o.run().id()));
                    status.set("Finished " + outcomes.size() + " runs of " + checked.name() + ".");
                })
                .onFailure(e -> {
                    ended[0] = true;
                    progress.ended("failed");
                    status.set("Running " + checked.name() + " failed: " + Errors.sentence(e));
                })
                .onFinished(() -> {
                    if (!ended[0]) {
                        progress.ended("cancelled");
                        status.set("Cancelled " + checked.name() + "; the finished runs stay in the history.");
                    }
                    running.set(false);
                    onDone.accept(List.copyOf(done));
                }));
    }

    /** Stops the grid: the running run ends as cancelled, the finished ones stay. */
    public void cancel() {
        launch.cancel();
    }

    public void dispose() {
        disposed.set(true);
        launch.cancel();
    }

    private Path defaultFile(String name) {
        String safe = name == null || name.isBlank() ? "experiment" : name.strip().replaceAll("[^A-Za-z0-9._-]", "-");
        return session.root().resolve("specs").resolve(safe + ".yaml").toAbsolutePath().normalize();
    }

    public LaunchForm form() { return form; }
    public LaunchProgress progress() { return progress; }
    public ObservableList<Choice<Corpus>> corpora() { return corpora; }
    public ObservableList<Choice<EvalSetSource>> evalSets() { return evalSets; }
    public ObservableList<String> chatModels() { return chatModels; }
    public ReadOnlyStringProperty preview() { return preview.getReadOnlyProperty(); }
    public StringProperty yaml() { return yaml; }
    public ReadOnlyBooleanProperty yamlMode() { return yamlMode.getReadOnlyProperty(); }
    public ObservableList<SpecCheck.Located> problems() { return problems; }
    public ReadOnlyObjectProperty<ExperimentSpec> spec() { return spec.getReadOnlyProperty(); }
    public ObjectProperty<Path> specFile() { return specFile; }
    public ReadOnlyBooleanProperty running() { return running.getReadOnlyProperty(); }
    public ReadOnlyStringProperty status() { return status.getReadOnlyProperty(); }
}
