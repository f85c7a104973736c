package dev.ragworkbench.ui.retrieval;

import dev.ragworkbench.judging.PoolColumn;
import dev.ragworkbench.ui.common.Debouncer;
import dev.ragworkbench.ui.retrieval.judging.JudgingView;
import dev.ragworkbench.ui.shell.EvalComparisonRequest;
import dev.ragworkbench.ui.shell.Page;
import dev.ragworkbench.ui.shell.PageContext;
import dev.ragworkbench.ui.shell.PageRequest;
import dev.ragworkbench.ui.shell.QueryRequest;
import dev.ragworkbench.ui.shell.Section;
import javafx.application.Platform;

/**
 * The Retrieval pane's page: its ViewModel over the session (a search 200 ms after the last key, cancelling the
 * one still running), and a {@link QueryRequest} from another pane opens that query, an
 * {@link EvalComparisonRequest} that comparison in the eval-set mode. Its Judging tab (blind pooled
 * judging over this pane's columns) and the grade bar under a hit's details are the {@code judging} part's.
 */
public final class RetrievalPage implements Page {

    private final RetrievalViewModel viewModel;
    private final RetrievalView view;
    private final GradingPanel grading;
    private final JudgingView judging;
    private final AnswersViewModel answers;
    private PageRequest lastRequest = PageRequest.NONE;

    public RetrievalPage(PageContext context) {
        viewModel = new RetrievalViewModel(context.session(), context.runner(), Debouncer.fx(200), Platform::runLater);
        view = new RetrievalView(viewModel);
        grading = new GradingPanel(viewModel);
        view.setGradingNode(grading);
        grading.installKeys(view.hitsArea(), viewModel);
        answers = new AnswersViewModel(viewModel, Platform::runLater);
        view.setOneQueryBar(AnswerPanel.bar(answers, () -> context.navigator().open(Section.SETTINGS)));
        view.setColumnFooter(c -> new AnswerPanel(answers.answer(c), viewModel.columns().indexOf(c)));
        judging = new JudgingView(context.session(), context.runner());
        view.addTab("Judging", "judging-tab", judging);
        // the blind pool's columns are this pane's, in their order and with their settings as they change
        viewModel.columns().addListener((javafx.collections.ListChangeListener<ColumnViewModel>) c -> poolColumns());
        viewModel.columnsRevisionProperty().addListener(o -> poolColumns());
        viewModel.indexes().addListener((javafx.collections.ListChangeListener<String>) c -> poolColumns());
        poolColumns();
    }

    private void poolColumns() {
        var columns = new java.util.ArrayList<PoolColumn>();
        for (ColumnViewModel c : viewModel.columns()) {
            try {
                var col = c.column();
                String index = col.index() != null ? col.index()
                        : viewModel.indexes().isEmpty() ? null : viewModel.indexes().getFirst();
                if (index != null) {
                    columns.add(new PoolColumn(col.retriever(), index));
                }
            } catch (IllegalArgumentException e) {
                // a column being edited into a valid spec: left out of the pool until it is one
            }
        }
        judging.setColumns(columns);
    }

    /** The Judging tab's view. */
    public JudgingView judging() {
        return judging;
    }

    /** The answers under the one-query view's columns. */
    public AnswersViewModel answers() {
        return answers;
    }

    /** Grading of the one-query view's selected hit. */
    GradingPanel grading() {
        return grading;
    }

    @Override
    public RetrievalView view() {
        return view;
    }

    public RetrievalViewModel viewModel() {
        return viewModel;
    }

    /** The request this page was last opened with. */
    public PageRequest lastRequest() {
        return lastRequest;
    }

    @Override
    public void open(PageRequest request) {
        lastRequest = request;
        if (request instanceof QueryRequest q) {
            view.showOneQuery();
            viewModel.open(q);
        } else if (request instanceof EvalComparisonRequest c) {
            view.showEvalSet();
            viewModel.openComparison(c.set(), c.comparison());
        }
    }

    /** Leaving the pane writes the pooled grades given so far. */
    @Override
    public void detach() {
        judging.save();
    }

    @Override
    public void attach() {
        viewModel.adapters().reload(); // one may have been trained in the Models pane since
        answers.reload(); // or a chat model added in Settings
    }

    @Override
    public void dispose() {
        judging.dispose();
        answers.dispose();
        viewModel.dispose();
    }
}
