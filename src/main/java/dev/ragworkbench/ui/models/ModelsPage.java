package dev.ragworkbench.ui.models;

import dev.ragworkbench.ui.models.judge.PairwiseView;
import dev.ragworkbench.ui.models.judge.PairwiseViewModel;
import dev.ragworkbench.ui.shell.Page;
import dev.ragworkbench.ui.shell.PageContext;
import javafx.application.Platform;

/** The Models pane's page: base vs fine-tuned (or any models) on a test set, item by item. */
public final class ModelsPage implements Page {

    private final ModelsViewModel viewModel;
    private final ModelsView view;
    private final PairwiseViewModel pairwise;

    public ModelsPage(PageContext context) {
        viewModel = new ModelsViewModel(context.session().workbench(), context.runner(), Platform::runLater);
        view = new ModelsView(viewModel);
        viewModel.loadStoredModels();
        pairwise = new PairwiseViewModel(context.session().workbench(), context.runner(), Platform::runLater,
                viewModel.resultModels(), viewModel.runIds());
        view.addTab("Pairwise judge", new PairwiseView(pairwise));
        pairwise.loadJudges();
    }

    @Override
    public ModelsView view() {
        return view;
    }

    public ModelsViewModel viewModel() {
        return viewModel;
    }

    public PairwiseViewModel pairwise() {
        return pairwise;
    }

    @Override
    public void dispose() {
        viewModel.dispose();
        pairwise.dispose();
    }
}
