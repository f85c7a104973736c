package dev.ragworkbench.ui.retrieval.judging;

import dev.ragworkbench.evaluation.EvalSet;
import dev.ragworkbench.judging.Judgment;
import dev.ragworkbench.judging.Judgments;
import dev.ragworkbench.judging.QueryLines;
import dev.ragworkbench.ui.tasks.TaskRequest;
import dev.ragworkbench.ui.tasks.TaskRunner;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableMap;

import java.util.List;

/**
 * Grading the hits of one query into an eval set, for any view that lists hits (the one-query view wires a
 * {@link GradeBar} to its selected hit). Grades are per document: {@link #grades()} maps the current query's
 * documents to their grade, so every chunk of a document shows the same. Each grade is written off the FX thread
 * as a new version of the set (see {@link JudgmentWriter}); the map changes at once, and is read back from the
 * store when a write fails.
 */
public final class GradingModel {

    private final Judgments judgments;
    private final TaskRunner runner;
    private final JudgmentWriter writer;
    private final StringProperty evalSet = new SimpleStringProperty();
    private final ReadOnlyStringWrapper queryId = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper queryText = new ReadOnlyStringWrapper();
    private final ObservableMap<String, Integer> grades = FXCollections.observableHashMap();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyIntegerWrapper version = new ReadOnlyIntegerWrapper();

    public GradingModel(Judgments judgments, TaskRunner runner) {
        this.judgments = judgments;
        this.runner = runner;
        this.writer = new JudgmentWriter(judgments, runner);
        evalSet.addListener((o, was, now) -> reload());
    }

    /** The eval set grades go into; changing it reloads the current query's grades. */
    public StringProperty evalSetProperty() {
        return evalSet;
    }

    public ReadOnlyStringProperty queryIdProperty() {
        return queryId.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty queryTextProperty() {
        return queryText.getReadOnlyProperty();
    }

    /** Document id → grade, for the current query. */
    public ObservableMap<String, Integer> grades() {
        return grades;
    }

    /** What the last write did, or why it failed. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The set's latest version number after the last write (0 before any). */
    public ReadOnlyIntegerProperty versionProperty() {
        return version.getReadOnlyProperty();
    }

    /** Shows the grades of a query the set has (or will have: see {@link #grade}). */
    public void showQuery(String id, String text) {
        queryId.set(id);
        queryText.set(text);
        reload();
    }

    /**
     * Shows the query typed as {@code text}: the set's query of the same text if it has one, else a new id
     * ({@code qN}) that the first grade adds to the set.
     */
    public void showQueryText(String text) {
        String set = evalSet.get();
        queryText.set(text);
        if (set == null || text == null || text.isBlank()) {
            queryId.set(null);
            grades.clear();
            return;
        }
        runner.run(TaskRequest.of("Reading eval set " + set, (progress, cancel) -> judgments.store().get(set))
                .unlisted()
                .onSuccess(s -> {
                    if (!text.equals(queryText.get()) || !set.equals(evalSet.get())) {
                        return; // another query or set since
                    }
                    String id = s.queries().entrySet().stream()
                            .filter(e -> sameQuery(e.getValue(), text))
                            .map(java.util.Map.Entry::getKey).findFirst()
                            .orElseGet(() -> QueryLines.parse(text, s.queries().keySet(), List.of()).firstEntry()
                                    .getKey());
                    queryId.set(id);
                    grades.clear();
                    grades.putAll(s.qrels().judgments(id));
                })
                .onFailure(e -> status.set(e.getMessage())));
    }

    /** Whether a typed {@code text} is the set's query {@code queryText}: the same words, case and edges aside. */
    public static boolean sameQuery(String queryText, String text) {
        return queryText != null && text != null && queryText.strip().equalsIgnoreCase(text.strip());
    }

    /** Grades the current query's document {@code documentId}. */
    public void grade(String documentId, int grade) {
        if (queryId.get() == null) {
            status.set("type or choose a query first");
            return;
        }
        grade(queryId.get(), queryText.get(), documentId, grade);
    }

    /**
     * Writes {@code grade} for ({@code queryId}, {@code documentId}) into the eval set as a new version; a query
     * the set lacks is added with {@code queryText}.
     */
    public void grade(String queryId, String queryText, String documentId, int grade) {
        String set = evalSet.get();
        if (set == null) {
            status.set("choose an eval set to grade into");
            return;
        }
        var judgment = new Judgment(queryId, documentId, grade);
        if (queryId.equals(this.queryId.get())) {
            grades.put(documentId, grade);
        }
        writer.write(set, judgment, queryText, written -> {
            version.set(written.version().version());
            status.set("graded " + documentId + " " + grade + " (" + Judgment.label(grade) + "): " + set
                    + " version " + written.version().version());
        }, failed -> {
            status.set(failed.getMessage());
            reload();
        });
    }

    private void reload() {
        String set = evalSet.get();
        String id = queryId.get();
        if (set == null || id == null) {
            grades.clear();
            return;
        }
        runner.run(TaskRequest.of("Reading eval set " + set, (progress, cancel) -> judgments.store().find(set)
                        .map(EvalSet::qrels).map(q -> q.judgments(id)).orElse(null))
                .unlisted()
                .onSuccess(docs -> {
                    if (set.equals(evalSet.get()) && id.equals(queryId.get())) {
                        grades.clear();
                        if (docs != null) {
                            grades.putAll(docs);
                        }
                    }
                }));
    }
}
