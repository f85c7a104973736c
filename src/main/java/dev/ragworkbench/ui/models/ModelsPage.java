package dev.ragworkbench.ui.models;

import dev.ragworkbench.ui.models.judge.PairwiseView;
import dev.ragworkbench.ui.models.judge.PairwiseViewModel;
import dev.ragworkbench.ui.models.finetune.FineTuneView;
import dev.ragworkbench.ui.models.finetune.FineTuneViewModel;
import dev.ragworkbench.ui.shell.Page;
import dev.ragworkbench.ui.shell.PageContext;
import dev.ragworkbench.ui.shell.Section;
import javafx.application.Platform;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;

/**
 * The Models pane's page: base vs fine-tuned (or any models) on a test set, item by item, with a pairwise judge; and, in its second tab,
 * fine-tuning an embedder (an adapter) on an eval set, base against tuned.
 */
public final class ModelsPage implements Page {

    private final ModelsViewModel viewModel;
    private final ModelsView view;
    private final PairwiseViewModel pairwise;
    private final FineTuneViewModel fineTune;
    private final TabPane tabs;

    public ModelsPage(PageContext context) {
        viewModel = new ModelsViewModel(context.session().workbench(), context.runner(), Platform::runLater);
        view = new ModelsView(viewModel);
        viewModel.loadStoredModels();
        pairwise = new PairwiseViewModel(context.session().workbench(), context.runner(), Platform::runLater,
                viewModel.resultModels(), viewModel.runIds());
        view.addTab("Pairwise judge", new PairwiseView(pairwise));
        pairwise.loadJudges();
        fineTune = new FineTuneViewModel(context.session(), context.runner(), Platform::runLater);
        var fineTuneTab = new Tab("Fine-tune embedder", new FineTuneView(fineTune,
                request -> context.navigator().open(Section.RETRIEVAL, request)));
        fineTuneTab.setId("finetune-tab");
        fineTuneTab.setOnSelectionChanged(e -> {
            if (fineTuneTab.isSelected()) {
                fineTune.loadIndexes();
            }
        });
        var compareTab = new Tab("Compare models", view);
        compareTab.setId("models-compare-tab");
        tabs = new TabPane(compareTab, fineTuneTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getStyleClass().add(atlantafx.base.theme.Styles.TABS_FLOATING);
    }

    @Override
    public TabPane view() {
        return tabs;
    }

    /** The "Compare models" tab's view. */
    public ModelsView modelsView() {
        return view;
    }

    public FineTuneViewModel fineTune() {
        return fineTune;
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
        fineTune.dispose();
    }
}
