package dev.ragworkbench.ui.experiments.compare;

import dev.ragworkbench.ui.shell.ComparisonRequest;
import dev.ragworkbench.ui.shell.PageContext;
import dev.ragworkbench.ui.shell.Section;
import javafx.scene.control.Tab;

import java.util.List;

/**
 * "Compare" as one tab of the Experiments pane. Other panes open it with a {@link ComparisonRequest} (through the
 * Navigator and the Experiments page, which hands it to {@link #open}); the history's selection with
 * {@link #compare(List)}. Its view is built when the tab is first shown (or {@link #view()} first asked for), not
 * with the page, which opens on the history (see {@code LaunchTab}).
 */
public final class CompareTab {

    private final CompareViewModel viewModel;
    private final PageContext context;
    private final Tab tab;
    private CompareView view;

    public CompareTab(PageContext context) {
        this.context = context;
        viewModel = new CompareViewModel(context.session(), context.runner());
        tab = new Tab("Compare");
        tab.setId("compare-tab");
        tab.setClosable(false);
        tab.setOnSelectionChanged(e -> {
            if (tab.isSelected()) {
                view();
                viewModel.refreshRuns();
            }
        });
    }

    /** Compares run B with run A, A being the reference. */
    public void open(ComparisonRequest request) {
        compare(List.of(request.runA(), request.runB()));
    }

    /** Compares two or more runs, the first being the reference. */
    public void compare(List<String> runIds) {
        tab.getTabPane().getSelectionModel().select(tab);
        viewModel.compare(runIds);
    }

    public Tab tab() {
        return tab;
    }

    public CompareViewModel viewModel() {
        return viewModel;
    }

    /** The comparison's view, built (into the tab) on the first call. */
    public CompareView view() {
        if (view == null) {
            view = new CompareView(viewModel, request -> context.navigator().open(Section.RETRIEVAL, request));
            tab.setContent(view);
        }
        return view;
    }

    public void dispose() {
    }
}
