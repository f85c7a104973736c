package dev.ragworkbench.ui.importing;

import dev.ragworkbench.ui.shell.Page;
import dev.ragworkbench.ui.shell.PageContext;

/** The Import pane's page: its ViewModel over the session, and the view of it. */
public final class ImportPage implements Page {

    private final ImportViewModel viewModel;
    private final ImportView view;

    public ImportPage(PageContext context) {
        viewModel = new ImportViewModel(context.session(), context.runner());
        view = new ImportView(viewModel);
    }

    @Override
    public ImportView view() {
        return view;
    }

    public ImportViewModel viewModel() {
        return viewModel;
    }

    @Override
    public void dispose() {
        viewModel.dispose();
    }
}
