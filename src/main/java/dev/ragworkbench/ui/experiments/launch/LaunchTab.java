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
 *
 * <p>The form and its ViewModel are made, and its choices read, when the tab is first shown (or {@link #view()} or
 * {@link #viewModel()} first asked for), not with the page: the pane opens on the history, and the form's YAML, its
 * background spec check and its few hundred nodes, styled and laid out beside the history's table, made the
 * history's first opening on a cold JVM miss its 300 ms.
 */
public final class LaunchTab {

    private final PageContext context;
    private final Consumer<List<String>> onRunsDone;
    private final Tab tab;
    private LaunchViewModel viewModel;
    private LaunchView view;

    /** @param onRunsDone gets the ids of the runs a grid finished (on the FX thread) */
    public LaunchTab(PageContext context, Consumer<List<String>> onRunsDone) {
        this.context = context;
        this.onRunsDone = onRunsDone;
        tab = new Tab("Start an experiment");
        tab.setId("launch-tab");
        tab.setClosable(false);
        tab.setOnSelectionChanged(e -> {
            if (tab.isSelected()) {
                view();
                viewModel().refreshChoices();
            }
        });
    }

    public Tab tab() {
        return tab;
    }

    /** The form's state, made on the first call. */
    public LaunchViewModel viewModel() {
        if (viewModel == null) {
            viewModel = new LaunchViewModel(context.session(), context.runner(), Platform::runLater, Debouncer.fx(300));
        }
        return viewModel;
    }

    /** The form, built (into the tab) on the first call. */
    public LaunchView view() {
        if (view == null) {
            view = new LaunchView(viewModel(), onRunsDone);
            tab.setContent(view);
        }
        return view;
    }

    public void dispose() {
        if (viewModel != null) {
            viewModel.dispose();
        }
    }
}
