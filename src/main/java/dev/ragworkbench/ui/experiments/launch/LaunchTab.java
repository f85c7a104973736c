package dev.ragworkbench.ui.experiments.launch;

import dev.ragworkbench.ui.common.Debouncer;
import dev.ragworkbench.ui.shell.PageContext;
import javafx.application.Platform;
import javafx.scene.control.Tab;

import java.util.List;
import java.util.function.Consumer;

/**
 * "Start an experiment" as one tab of the Experiments pane: the pane builds it with its page context and tells it
 * what to do when a grid ends (e.g. refresh the history); {@link #dispose()} when the page is disposed.
 */
public final class LaunchTab {

    private final LaunchViewModel viewModel;
    private final LaunchView view;
    private final Tab tab;

    /** @param onRunsDone gets the ids of the runs a grid finished (on the FX thread) */
    public LaunchTab(PageContext context, Consumer<List<String>> onRunsDone) {
        viewModel = new LaunchViewModel(context.session(), context.runner(), Platform::runLater, Debouncer.fx(300));
        view = new LaunchView(viewModel, onRunsDone);
        tab = new Tab("Start an experiment", view);
        tab.setId("launch-tab");
        tab.setClosable(false);
        tab.setOnSelectionChanged(e -> {
            if (tab.isSelected()) {
                viewModel.refreshChoices();
            }
        });
        viewModel.refreshChoices();
    }

    public Tab tab() {
        return tab;
    }

    public LaunchViewModel viewModel() {
        return viewModel;
    }

    public LaunchView view() {
        return view;
    }

    public void dispose() {
        viewModel.dispose();
    }
}
