package dev.ragworkbench.ui.retrieval;

import dev.ragworkbench.ui.common.Debouncer;
import dev.ragworkbench.ui.shell.Page;
import dev.ragworkbench.ui.shell.PageContext;
import dev.ragworkbench.ui.shell.PageRequest;
import dev.ragworkbench.ui.shell.QueryRequest;
import javafx.application.Platform;

/**
 * The Retrieval pane's page: its ViewModel over the session (a search 200 ms after the last key, cancelling the
 * one still running), and a {@link QueryRequest} from another pane opens that query.
 */
public final class RetrievalPage implements Page {

    private final RetrievalViewModel viewModel;
    private final RetrievalView view;
    private PageRequest lastRequest = PageRequest.NONE;

    public RetrievalPage(PageContext context) {
        viewModel = new RetrievalViewModel(context.session(), context.runner(), Debouncer.fx(200), Platform::runLater);
        view = new RetrievalView(viewModel);
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
        }
    }

    @Override
    public void dispose() {
        viewModel.dispose();
    }
}
