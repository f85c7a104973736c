package dev.ragworkbench.ui.retrieval;

import dev.ragworkbench.experiment.HitAnswers;
import dev.ragworkbench.format.Errors;
import dev.ragworkbench.generation.ChatModelSettings;
import dev.ragworkbench.retrieval.compare.ColumnResult;
import dev.ragworkbench.ui.tasks.TaskRequest;
import javafx.beans.InvalidationListener;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ChangeListener;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * The one-query view's answers: a stored chat model chosen once, and on "Answer" each column's question answered
 * from that column's top {@value HitAnswers#CONTEXT_TOP} hits' chunks ({@link HitAnswers}), one call per column
 * at once, each streaming into its {@link ColumnAnswer}. A new query, or a new result of a column, cancels and
 * clears what no longer matches the hits shown. Apart from {@link RetrievalViewModel}, which it only observes.
 */
public final class AnswersViewModel {

    static final String NO_MODEL = "No chat model: add one in Settings";
    static final String ONLY_PREDICTIONS = "No chat model with an endpoint: a predictions file cannot answer a new"
                                           + " question; add one in Settings";

    private final RetrievalViewModel parent;
    private final Executor fx;
    private final ObservableList<String> models = FXCollections.observableArrayList();
    private final ObjectProperty<String> model = new SimpleObjectProperty<>();
    private final ReadOnlyBooleanWrapper loaded = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper hitsShown = new ReadOnlyBooleanWrapper();
    private final Map<ColumnViewModel, ColumnAnswer> answers = new HashMap<>();
    private final Map<ColumnViewModel, ChangeListener<ColumnResult>> watching = new HashMap<>();
    private final ObservableList<ColumnAnswer> shown = FXCollections.observableArrayList(
            a -> new javafx.beans.Observable[] {a.stateProperty()});
    private final BooleanBinding asking = Bindings.createBooleanBinding(
            () -> shown.stream().anyMatch(a -> a.stateProperty().get() == ColumnAnswer.State.ASKING), shown);
    private final InvalidationListener queryChanged = o -> clearAll();
    private final ListChangeListener<ColumnViewModel> columnsChanged = c -> watchColumns();

    /** @param fx runs the streamed pieces on the FX thread ({@code Platform::runLater}; at once in tests) */
    public AnswersViewModel(RetrievalViewModel parent, Executor fx) {
        this.parent = parent;
        this.fx = fx;
        parent.queryProperty().addListener(queryChanged);
        parent.columns().addListener(columnsChanged);
        watchColumns();
    }

    /** Reads the stored chat models off the FX thread; the one chosen stays chosen while it exists. */
    public void reload() {
        parent.runner().run(TaskRequest.<List<ChatModelSettings>>of("Listing chat models",
                        (p, c) -> parent.session().workbench().storedChatModels())
                .unlisted().silentErrors()
                .onSuccess(stored -> {
                    var names = stored.stream().filter(ChatModelSettings::answersNewPrompts).map(ChatModelSettings::name).toList();
                    String chosen = model.get();
                    models.setAll(names);
                    model.set(names.contains(chosen) ? chosen : names.isEmpty() ? null : names.getFirst());
                    message.set(!names.isEmpty() ? "" : stored.isEmpty() ? NO_MODEL : ONLY_PREDICTIONS);
                    loaded.set(true);
                })
                .onFailure(e -> {
                    message.set("Cannot list the chat models: " + Errors.sentence(e));
                    loaded.set(true);
                }));
    }

    /** The answer under {@code column}, made on first use. */
    public ColumnAnswer answer(ColumnViewModel column) {
        return answers.computeIfAbsent(column, c -> {
            var a = new ColumnAnswer();
            shown.add(a);
            return a;
        });
    }

    /**
     * Asks the chosen model in every column that shows hits, each from its own top hits; a column still asking
     * is asked again. Does nothing without a model.
     */
    public void answerAll() {
        String name = model.get();
        if (name == null) {
            return;
        }
        for (ColumnViewModel column : parent.columns()) {
            ColumnResult result = column.resultProperty().get();
            if (result != null && !result.hits().isEmpty()) {
                ask(column, result, name);
            } else {
                answer(column).clear();
            }
        }
    }

    private void ask(ColumnViewModel column, ColumnResult result, String name) {
        ColumnAnswer.Asking asking = answer(column).start(name);
        var hitAnswers = parent.session().workbench().hitAnswers();
        asking.handle = parent.runner().run(TaskRequest.<HitAnswers.Answer>of("Answering " + result.query()
                        + " with " + name, (p, task) -> {
                    var cancel = asking.started(task);
                    var chunks = parent.sideBySide().chunks(result, HitAnswers.CONTEXT_TOP);
                    return hitAnswers.answer(result.query(), chunks, name,
                            piece -> fx.execute(() -> asking.piece(piece)), cancel);
                })
                .unlisted().silentErrors()
                // after the pieces: they were posted to the FX thread before the reply returned
                .onSuccess(a -> fx.execute(() -> asking.done(a)))
                .onFailure(e -> fx.execute(() -> asking.failed(e))));
    }

    /** Stops every call in flight, keeping what arrived. */
    public void stopAll() {
        answers.values().forEach(ColumnAnswer::stop);
    }

    private void clearAll() {
        answers.values().forEach(ColumnAnswer::clear);
    }

    /** Each column's answer is cleared when the column shows other hits; a removed column's is dropped. */
    private void watchColumns() {
        for (var it = watching.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (!parent.columns().contains(e.getKey())) {
                e.getKey().resultProperty().removeListener(e.getValue());
                ColumnAnswer gone = answers.remove(e.getKey());
                if (gone != null) {
                    gone.clear();
                    shown.remove(gone);
                }
                it.remove();
            }
        }
        for (ColumnViewModel c : parent.columns()) {
            watching.computeIfAbsent(c, col -> {
                ChangeListener<ColumnResult> l = (o, a, r) -> {
                    ColumnAnswer answer = answers.get(col);
                    if (answer != null && !sameHits(a, r)) {
                        answer.clear();
                    }
                    updateHitsShown();
                };
                col.resultProperty().addListener(l);
                return l;
            });
        }
        updateHitsShown();
    }

    private void updateHitsShown() {
        hitsShown.set(parent.columns().stream().anyMatch(c -> c.resultProperty().get() != null
                && !c.resultProperty().get().hits().isEmpty()));
    }

    /**
     * Whether two results show the same hits for the same query: a search repeated because another column changed
     * gives every column a new result, and an answer to unchanged hits stays.
     */
    static boolean sameHits(ColumnResult a, ColumnResult b) {
        return a != null && b != null && a.query().equals(b.query()) && a.index().equals(b.index())
               && a.column().equals(b.column()) && a.hits().equals(b.hits());
    }

    public void dispose() {
        parent.queryProperty().removeListener(queryChanged);
        parent.columns().removeListener(columnsChanged);
        watching.forEach((c, l) -> c.resultProperty().removeListener(l));
        watching.clear();
        clearAll();
    }

    // ---- state

    /** The stored models that can answer a typed question, by name. */
    public ObservableList<String> models() {
        return models;
    }

    /** The model chosen; null while none is stored. */
    public ObjectProperty<String> modelProperty() {
        return model;
    }

    /** Whether the models have been listed once (before that the bar shows neither a choice nor a message). */
    public ReadOnlyBooleanProperty loadedProperty() {
        return loaded.getReadOnlyProperty();
    }

    /** Why no model can be chosen ({@value #NO_MODEL}), or empty. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Whether some column shows hits, so that there is something to answer from. */
    public ReadOnlyBooleanProperty hitsShownProperty() {
        return hitsShown.getReadOnlyProperty();
    }

    /** Whether some column's call is in flight. */
    public BooleanBinding askingBinding() {
        return asking;
    }
}
