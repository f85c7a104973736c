package dev.ragworkbench.ui.retrieval;

import dev.ragworkbench.evaluation.EvalSet;
import dev.ragworkbench.evaluation.Metric;
import dev.ragworkbench.judging.Judgments;
import dev.ragworkbench.progress.ProgressListener;
import dev.ragworkbench.retrieval.compare.Column;
import dev.ragworkbench.retrieval.compare.ColumnResult;
import dev.ragworkbench.retrieval.compare.EvalComparison;
import dev.ragworkbench.retrieval.compare.EvalSetComparison;
import dev.ragworkbench.ui.retrieval.judging.GradingModel;
import dev.ragworkbench.ui.tasks.TaskHandle;
import dev.ragworkbench.ui.tasks.TaskRequest;
import javafx.beans.value.ChangeListener;
import javafx.collections.ListChangeListener;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The chosen eval set's judgments of the query shown in the one-query view, and grading it. When the set (the one
 * the Eval set tab runs and grades go into) has the query, whether opened from the per-query table or typed, its
 * relevant documents are marked in every column and each column's header shows its metrics, scored as the
 * eval-set run scores them ({@link EvalSetComparison} on that one query, at the run's depth). They are computed off
 * the FX thread from the set's latest version, again after every grade written, so a grade moves the header's
 * nDCG@10 at once. For a query the set lacks, nothing is marked or shown.
 */
final class QueryJudgments {

    static final String NONE_RELEVANT = "no document judged relevant yet";

    private final RetrievalViewModel vm;
    private final GradingModel grading;
    private final ChangeListener<ColumnResult> resultShown = (o, a, r) -> resultShown(r);
    private TaskHandle scoring = TaskHandle.DONE;
    private long generation;
    /** The query text whose marks and metrics are shown, or null. */
    private String shownFor;

    QueryJudgments(RetrievalViewModel vm) {
        this.vm = vm;
        this.grading = new GradingModel(new Judgments(vm.session().workbench().evalSets()), vm.runner());
        grading.evalSetProperty().set(name(vm.eval().setProperty().get()));
        vm.eval().setProperty().addListener((o, a, s) -> {
            grading.evalSetProperty().set(name(s));
            grading.showQueryText(shownQuery());
        });
        vm.queryProperty().addListener((o, a, q) -> {
            if (shownFor != null && !shownFor.equals(strip(q))) {
                clear(); // another query: the marks and metrics were of the one before
            }
        });
        // the query graded, and scored, is the one whose hits are shown
        vm.columns().addListener((ListChangeListener<ColumnViewModel>) c -> watchResults());
        watchResults();
        grading.queryIdProperty().addListener(o -> score());
        grading.evalSetProperty().addListener(o -> score());
        grading.versionProperty().addListener(o -> score()); // a grade was written: a new version to score with
    }

    GradingModel grading() {
        return grading;
    }

    private void watchResults() {
        for (ColumnViewModel c : vm.columns()) {
            c.resultProperty().removeListener(resultShown);
            c.resultProperty().addListener(resultShown);
        }
    }

    private void resultShown(ColumnResult r) {
        if (r == null) {
            return;
        }
        if (!Objects.equals(r.query(), grading.queryTextProperty().get())) {
            grading.showQueryText(r.query()); // its id resolved, the score follows
        } else {
            score(); // the same query through changed columns
        }
    }

    /** Shows an eval-set run's marks and metrics for {@code text} at once, until they are scored again. */
    void show(String text, Set<String> relevant, List<String> headers) {
        shownFor = strip(text);
        vm.relevantDocs().clear();
        vm.relevantDocs().addAll(relevant);
        for (int i = 0; i < vm.columns().size(); i++) {
            vm.columns().get(i).setQueryMetrics(i < headers.size() ? headers.get(i) : "");
        }
    }

    private void clear() {
        shownFor = null;
        vm.relevantDocs().clear();
        vm.columns().forEach(c -> c.setQueryMetrics(""));
    }

    /** Scores the shown query in the background with the set's latest judgments; the one before is cancelled. */
    private void score() {
        scoring.cancel();
        long gen = ++generation;
        String set = grading.evalSetProperty().get();
        String id = grading.queryIdProperty().get();
        String text = grading.queryTextProperty().get();
        var shown = new ArrayList<ColumnViewModel>();
        var columns = new ArrayList<Column>();
        for (ColumnViewModel c : vm.columns()) {
            Column col = c.validColumnOr(null);
            if (col != null) {
                shown.add(c);
                columns.add(col);
            }
        }
        if (set == null || id == null || text == null || columns.isEmpty()) {
            return;
        }
        List<Metric> metrics = vm.eval().chosenMetrics();
        var comparison = new EvalSetComparison(vm.sideBySide(), vm.session().workbench().comparisons());
        scoring = vm.runner().run(TaskRequest.<Scored>of("Scoring query " + id + " of " + set, (p, cancel) -> {
            EvalSet latest = vm.session().workbench().evalSets().find(set).orElse(null);
            if (latest == null || !GradingModel.sameQuery(latest.queries().get(id), text)) {
                return null; // not the set's query (or an id not resolved yet for this text: it follows)
            }
            EvalSet one = latest.only(id);
            if (one.qrels().relevantCount(id) == 0) {
                return new Scored(latest, null);
            }
            var request = new EvalSetComparison.Request(one, columns, metrics, EvalViewModel.depth(metrics));
            return new Scored(latest, comparison.run(request, ProgressListener.NONE, cancel));
        }).unlisted().silentErrors().onSuccess(scored -> {
            if (gen != generation || !text.equals(shownQuery())) {
                return; // another query, set, grade or column since
            }
            if (scored == null) {
                clear();
                return;
            }
            List<String> headers = scored.result() == null ? Collections.nCopies(shown.size(), NONE_RELEVANT)
                    : EvalViewModel.headers(scored.result(), id);
            shownFor = text;
            vm.relevantDocs().clear();
            vm.relevantDocs().addAll(EvalViewModel.relevant(scored.set(), id));
            vm.columns().forEach(c -> c.setQueryMetrics(""));
            for (int i = 0; i < shown.size(); i++) {
                shown.get(i).setQueryMetrics(headers.get(i));
            }
        }));
    }

    private record Scored(EvalSet set, EvalComparison result) {
    }

    private String shownQuery() {
        return strip(vm.queryProperty().get());
    }

    private static String strip(String q) {
        return q == null ? "" : q.strip();
    }

    private static String name(EvalSet s) {
        return s == null ? null : s.name();
    }

    void dispose() {
        scoring.cancel();
    }
}
