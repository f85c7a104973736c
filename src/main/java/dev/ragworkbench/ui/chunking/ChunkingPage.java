package dev.ragworkbench.ui.chunking;

import dev.ragworkbench.ui.common.Debouncer;
import dev.ragworkbench.ui.shell.Page;
import dev.ragworkbench.ui.shell.PageContext;

/** The Chunking pane's page: its ViewModel over the session (re-chunking a quarter second after a change). */
public final class ChunkingPage implements Page {

    private final ChunkingViewModel viewModel;
    private final ChunkingView view;

    public ChunkingPage(PageContext context) {
        viewModel = new ChunkingViewModel(context.session(), context.runner(), Debouncer.fx(250));
        view = new ChunkingView(viewModel);
    }

    @Override
    public ChunkingView view() {
        return view;
    }

    public ChunkingViewModel viewModel() {
        return viewModel;
    }

    @Override
    public void dispose() {
        viewModel.dispose();
    }
}
