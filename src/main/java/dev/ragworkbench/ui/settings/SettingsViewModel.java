package dev.ragworkbench.ui.settings;

import dev.ragworkbench.app.Workbench;
import dev.ragworkbench.format.Errors;
import dev.ragworkbench.generation.ChatModelSettings;
import dev.ragworkbench.generation.ConnectionCheck;
import dev.ragworkbench.generation.Secrets;
import dev.ragworkbench.ui.tasks.TaskHandle;
import dev.ragworkbench.ui.tasks.TaskRequest;
import dev.ragworkbench.ui.tasks.TaskRunner;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;

/**
 * The Settings pane's chat models: the list, the add/edit form, and "Test connection" with its streamed answer.
 * Every store, keys-file and endpoint call runs through the task runner; the streamed pieces come back through
 * {@code fx} (the FX thread in the window, the caller's thread in tests).
 */
public final class SettingsViewModel {

    /** What the last connection test showed. */
    public enum TestState { NONE, RUNNING, ANSWERED, FAILED }

    private final Workbench bench;
    private final TaskRunner runner;
    private final Executor fx;
    private final ObservableList<ChatModelSettings> models = FXCollections.observableArrayList();
    private final ObjectProperty<ChatModelSettings> selected = new SimpleObjectProperty<>();
    private final ModelForm form = new ModelForm();
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty messageIsError = new SimpleBooleanProperty();
    private final StringProperty testAnswer = new SimpleStringProperty("");
    private final StringProperty testResult = new SimpleStringProperty("");
    private final ObjectProperty<TestState> testState = new SimpleObjectProperty<>(TestState.NONE);
    private final StringProperty keysFile = new SimpleStringProperty("");
    private TaskHandle test = TaskHandle.DONE;

    public SettingsViewModel(Workbench bench, TaskRunner runner, Executor fx) {
        this.bench = bench;
        this.runner = runner;
        this.fx = fx;
        form.clear();
    }

    public ObservableList<ChatModelSettings> models() { return models; }
    public ObjectProperty<ChatModelSettings> selectedProperty() { return selected; }
    public ModelForm form() { return form; }
    public StringProperty messageProperty() { return message; }
    public BooleanProperty messageIsErrorProperty() { return messageIsError; }
    public StringProperty testAnswerProperty() { return testAnswer; }
    public StringProperty testResultProperty() { return testResult; }
    public ObjectProperty<TestState> testStateProperty() { return testState; }
    public StringProperty keysFileProperty() { return keysFile; }

    /** Reads the models again, keeping the selection by name. */
    public void refresh() {
        String keep = selected.get() == null ? null : selected.get().name();
        runner.run(TaskRequest.of("Reading chat models", (p, c) -> new Listing(bench.chatModels().list(),
                        bench.chatClients().keys().keysFile().file().toString()))
                .unlisted()
                .onSuccess(listing -> {
                    models.setAll(listing.models());
                    keysFile.set(listing.keysFile());
                    models.stream().filter(m -> m.name().equals(keep)).findFirst().ifPresent(this::select);
                }));
    }

    private record Listing(List<ChatModelSettings> models, String keysFile) {
    }

    /** Shows {@code model} in the form (its stored key masked, read off the FX thread). */
    public void select(ChatModelSettings model) {
        selected.set(model);
        clearTest();
        setMessage("", false);
        if (model == null) {
            form.clear();
            return;
        }
        runner.run(TaskRequest.of("Reading the key of " + model.name(), (p, c) -> masked(model.name()))
                .unlisted()
                .onSuccess(mask -> form.load(model, mask)));
    }

    /** An empty form for a new model. */
    public void newModel() {
        select(null);
    }

    /** Adds the form's model, or changes the selected one; a key typed for the keys file is stored first. */
    public void save() {
        ChatModelSettings settings;
        try {
            settings = form.settings();
        } catch (IllegalArgumentException e) {
            setMessage(e.getMessage(), true);
            return;
        }
        String editing = selected.get() == null ? null : selected.get().name();
        String key = keyToStore();
        runner.run(TaskRequest.of("Saving model " + settings.name(), (p, c) -> {
                    var stored = editing == null ? bench.chatModels().add(settings)
                            : bench.chatModels().update(editing, settings);
                    if (key != null) {
                        bench.chatClients().keys().keysFile().put(stored.name(), key);
                    }
                    return new Saved(stored, masked(stored.name()));
                })
                .silentErrors()
                .onSuccess(saved -> {
                    form.newKey.set("");
                    form.storedKey.set(saved.masked());
                    int at = editing == null ? -1 : indexOf(editing);
                    if (at >= 0) {
                        models.set(at, saved.settings());
                    } else {
                        models.add(saved.settings());
                    }
                    selected.set(saved.settings());
                    setMessage("Saved " + saved.settings().name() + ".", false);
                })
                .onFailure(e -> setMessage(Errors.standalone(e), true)));
    }

    private record Saved(ChatModelSettings settings, String masked) {
    }

    /** Removes the selected model from the workspace (a key in the keys file stays: it is the user's file). */
    public void remove() {
        var model = selected.get();
        if (model == null) {
            return;
        }
        runner.run(TaskRequest.of("Removing model " + model.name(), (p, c) -> bench.chatModels().remove(model.name()))
                .silentErrors()
                .onSuccess(removed -> {
                    models.removeIf(m -> m.name().equals(model.name()));
                    select(null);
                    setMessage("Removed " + model.name() + ".", false);
                })
                .onFailure(e -> setMessage(Errors.standalone(e), true)));
    }

    /** Sends the form's model the short prompt; the answer grows in {@link #testAnswerProperty()} as it streams. */
    public void testConnection() {
        ChatModelSettings settings;
        try {
            settings = form.settings();
        } catch (IllegalArgumentException e) {
            setMessage(e.getMessage(), true);
            return;
        }
        test.cancel();
        testAnswer.set("");
        testResult.set("Asking " + settings.name() + "…");
        testState.set(TestState.RUNNING);
        String key = keyToStore();
        test = runner.run(TaskRequest.of("Testing " + settings.name(), (p, cancel) -> {
                    if (key != null) {
                        bench.chatClients().keys().keysFile().put(settings.name(), key);
                    }
                    return ConnectionCheck.run(bench.chatClients(), settings, ConnectionCheck.PROMPT,
                            piece -> fx.execute(() -> testAnswer.set(testAnswer.get() + piece)), cancel);
                })
                .silentErrors()
                .onSuccess(result -> fx.execute(() -> show(result)))
                .onFailure(e -> {
                    testState.set(TestState.FAILED);
                    testResult.set(Errors.standalone(e));
                })
                .onFinished(() -> fx.execute(() -> {
                    if (testState.get() == TestState.RUNNING) {
                        testState.set(TestState.FAILED);
                        testResult.set("Cancelled.");
                    }
                })));
    }

    public void cancelTest() {
        test.cancel();
    }

    private void show(ConnectionCheck.Result result) {
        if (result.ok()) {
            testState.set(TestState.ANSWERED);
            testAnswer.set(result.answer());
            testResult.set(String.format(Locale.ROOT, "Answered in %,d ms%s.", result.latencyMs(),
                    result.inputTokens() < 0 ? "" : String.format(Locale.ROOT, " (%d tokens in, %d out)",
                            result.inputTokens(), result.outputTokens())));
        } else {
            testState.set(TestState.FAILED);
            String reason = result.reason();
            testResult.set(Character.toUpperCase(reason.charAt(0)) + reason.substring(1)
                           + (reason.endsWith(".") ? "" : "."));
        }
    }

    private String keyToStore() {
        String typed = form.newKey.get();
        return form.keySource.get() == ModelForm.KeySource.KEYS_FILE && typed != null && !typed.isBlank()
                ? typed.strip() : null;
    }

    private String masked(String name) {
        try {
            return bench.chatClients().keys().keysFile().key(name).map(Secrets::masked).orElse("");
        } catch (RuntimeException unusable) {
            return "";
        }
    }

    private int indexOf(String name) {
        for (int i = 0; i < models.size(); i++) {
            if (models.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private void clearTest() {
        test.cancel();
        testAnswer.set("");
        testResult.set("");
        testState.set(TestState.NONE);
    }

    private void setMessage(String text, boolean error) {
        messageIsError.set(error);
        message.set(text);
    }

    public void dispose() {
        test.cancel();
    }
}
