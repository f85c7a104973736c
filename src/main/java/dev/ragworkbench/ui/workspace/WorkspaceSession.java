package dev.ragworkbench.ui.workspace;

import dev.ragworkbench.app.Workbench;
import dev.ragworkbench.evaluation.AnswerSpan;
import dev.ragworkbench.evaluation.EvalSet;
import dev.ragworkbench.evaluation.EvalSetStore;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One open workspace as the panes share it: the core {@link Workbench}, the eval sets, and change counters
 * that panes watch to reload (bumped on the FX thread after an import, a delete or an index build).
 */
public final class WorkspaceSession implements AutoCloseable {

    private final Workbench workbench;
    private final EvalSetStore goldenSetStore;
    private final ObservableList<EvalSet> goldenSets = FXCollections.observableArrayList();
    private final ReadOnlyIntegerWrapper documentsVersion = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper indexesVersion = new ReadOnlyIntegerWrapper();
    private final Map<Class<?>, Object> warm = new ConcurrentHashMap<>();

    private WorkspaceSession(Workbench workbench) {
        this.workbench = workbench;
        this.goldenSetStore = workbench.evalSets();
    }

    /** Opens the workspace at {@code dir} with its eval sets read. */
    public static WorkspaceSession open(Path dir) {
        var session = openWithoutGoldenSets(dir);
        session.goldenSets.setAll(session.goldenSetStore.list());
        return session;
    }

    /**
     * Opens the workspace at {@code dir} without reading its eval sets (read from the database, migrating an earlier build's files once), which the window does after its first
     * frame (parsing a SQuAD file took a tenth of a second of the start): read them off the FX thread with
     * {@code goldenSetStore().list()} and hand them to {@link #addGoldenSets}.
     */
    public static WorkspaceSession openWithoutGoldenSets(Path dir) {
        return new WorkspaceSession(Workbench.open(dir));
    }

    /** Adds the sets not listed yet (by name), keeping those already there (call on the FX thread). */
    public void addGoldenSets(List<EvalSet> sets) {
        for (EvalSet set : sets) {
            if (goldenSets.stream().noneMatch(g -> g.name().equals(set.name()))) {
                goldenSets.add(set);
            }
        }
    }

    public Workbench workbench() {
        return workbench;
    }

    public String name() {
        return workbench.workspace().name();
    }

    public Path root() {
        return workbench.workspace().root();
    }

    public EvalSetStore goldenSetStore() {
        return goldenSetStore;
    }

    public ObservableList<EvalSet> goldenSets() {
        return goldenSets;
    }

    /** Answer spans in {@code documentId} over every eval set. */
    public List<AnswerSpan> answersIn(String documentId) {
        return goldenSets.stream().flatMap(g -> g.answers().getOrDefault(documentId, List.of()).stream()).toList();
    }

    public ReadOnlyIntegerProperty documentsVersionProperty() {
        return documentsVersion.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty indexesVersionProperty() {
        return indexesVersion.getReadOnlyProperty();
    }

    /** Tells the panes that documents changed (call on the FX thread). */
    public void documentsChanged() {
        documentsVersion.set(documentsVersion.get() + 1);
    }

    /** Tells the panes that indexes changed (call on the FX thread). */
    public void indexesChanged() {
        indexesVersion.set(indexesVersion.get() + 1);
    }

    /**
     * Keeps what a section's warm step read off the FX thread (see {@code Section.warm}), for its page to take when
     * first built; any thread. One value per type: a later one replaces it.
     */
    public <T> void keepWarm(Class<T> type, T value) {
        warm.put(type, Objects.requireNonNull(value, "value"));
    }

    /** What {@link #keepWarm} kept for {@code type}, handed out once; any thread. */
    public <T> Optional<T> takeWarm(Class<T> type) {
        return Optional.ofNullable(warm.remove(type)).map(type::cast);
    }

    @Override
    public void close() {
        warm.clear();
        workbench.close();
    }
}
