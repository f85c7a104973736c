package dev.ragworkbench.ui.experiments;

import dev.ragworkbench.experiment.history.ExperimentBaselines;
import dev.ragworkbench.experiment.store.ExperimentExecution;
import dev.ragworkbench.experiment.store.Run;
import dev.ragworkbench.experiment.store.RunArtifact;
import dev.ragworkbench.experiment.store.RunNote;
import dev.ragworkbench.experiment.store.RunStore;
import dev.ragworkbench.format.Errors;
import dev.ragworkbench.ui.tasks.TaskRequest;
import dev.ragworkbench.ui.tasks.TaskRunner;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One run's page: what it ran with and scored, per query, its artifacts and spec, its tags and note; and the
 * commands on it (note, tags, baseline, delete). Reads and writes go through the {@link TaskRunner}.
 */
public final class RunViewModel {

    /** The most of an artifact the page shows as text; the rest is for "Save…". */
    static final int TEXT_LIMIT = 1 << 20;

    private final RunStore store;
    private final TaskRunner runner;
    private final ObjectProperty<RunDetails> details = new SimpleObjectProperty<>();
    private final StringProperty message = new SimpleStringProperty("");
    private Runnable onChanged = () -> { };

    public RunViewModel(RunStore store, TaskRunner runner) {
        this.store = Objects.requireNonNull(store, "store");
        this.runner = Objects.requireNonNull(runner, "runner");
    }

    public void open(String runId) {
        runner.run(TaskRequest.of("Reading run " + runId, (p, c) -> read(runId)).silentErrors()
                .onSuccess(d -> {
                    details.set(d);
                    message.set("");
                }).onFailure(e -> message.set(Errors.sentence(e))));
    }

    private RunDetails read(String runId) {
        Run run = store.run(runId);
        String spec = run.executionId() == null ? null
                : store.execution(run.executionId()).map(ExperimentExecution::specYaml).orElse(null);
        boolean baseline = run.experiment() != null && new ExperimentBaselines(store).of(run.experiment())
                .map(b -> b.id().equals(runId)).orElse(false);
        List<String> names = store.queryMetricNames(runId);
        var byQuery = new LinkedHashMap<String, Map<String, Double>>();
        for (String m : names) {
            store.queryMetrics(runId, m).forEach((q, v) -> byQuery.computeIfAbsent(q, k -> new LinkedHashMap<>()).put(m, v));
        }
        var rows = new ArrayList<RunDetails.QueryRow>(byQuery.size());
        byQuery.forEach((q, values) -> rows.add(new RunDetails.QueryRow(q, values)));
        var files = new LinkedHashMap<String, Path>();
        for (RunArtifact a : run.artifacts()) {
            files.put(a.name(), store.file(a));
        }
        return new RunDetails(run, baseline, spec, names, rows, store.itemFailures(runId), files);
    }

    private void reread() {
        if (details.get() != null) {
            open(details.get().run().id());
        }
        onChanged.run();
    }

    private String id() {
        return details.get().run().id();
    }

    /** The run's note: its newest (earlier ones are kept in the store, as {@code runs note} keeps them). */
    static String noteOf(Run run) {
        return run.notes().isEmpty() ? "" : run.notes().getLast().text();
    }

    public void saveNote(String text) {
        if (details.get() == null || text == null || text.isBlank() || text.strip().equals(noteOf(details.get().run()))) {
            return;
        }
        String id = id();
        runner.run(TaskRequest.<RunNote>of("Saving the note", (p, c) -> store.addNote(id, text.strip()))
                .onSuccess(n -> reread()));
    }

    public void setTag(String key, String value) {
        String id = id();
        runner.run(TaskRequest.of("Tagging the run", (p, c) -> {
            store.setTag(id, key.strip(), value);
            return null;
        }).onSuccess(x -> reread()));
    }

    public void removeTag(String key) {
        String id = id();
        runner.run(TaskRequest.of("Removing a tag", (p, c) -> store.removeTag(id, key)).onSuccess(x -> reread()));
    }

    public void markBaseline() {
        String id = id();
        runner.run(TaskRequest.of("Marking the baseline", (p, c) -> new ExperimentBaselines(store).mark(id))
                .onSuccess(x -> reread()));
    }

    public void delete(Runnable then) {
        String id = id();
        runner.run(TaskRequest.of("Deleting run " + id, (p, c) -> {
            store.delete(id);
            return null;
        }).onSuccess(x -> {
            details.set(null);
            onChanged.run();
            then.run();
        }));
    }

    /** Reads an artifact's text (its first {@value #TEXT_LIMIT} bytes) for the page's viewer. */
    public void readText(String artifact, Consumer<String> shown) {
        Path file = details.get().artifactFiles().get(artifact);
        runner.run(TaskRequest.of("Reading " + artifact, (p, c) -> {
            try (var in = Files.newInputStream(file)) {
                byte[] head = in.readNBytes(TEXT_LIMIT);
                String text = new String(head, java.nio.charset.StandardCharsets.UTF_8);
                return in.read() >= 0 ? text + "\n… (the rest of the file: use Save…)" : text;
            }
        }).onSuccess(shown));
    }

    public void saveArtifact(String artifact, Path target) {
        Path file = details.get().artifactFiles().get(artifact);
        runner.run(TaskRequest.of("Saving " + artifact, (p, c) -> Files.copy(file, target,
                StandardCopyOption.REPLACE_EXISTING)).onSuccess(x -> message.set("Saved " + artifact + " as " + target)));
    }

    /** Called after the run changed or was deleted here: the history reloads. */
    public void setOnChanged(Runnable action) {
        onChanged = Objects.requireNonNull(action, "action");
    }

    public ObjectProperty<RunDetails> detailsProperty() {
        return details;
    }

    public StringProperty messageProperty() {
        return message;
    }
}
