package dev.ragworkbench.ui.experiments;

import dev.ragworkbench.ui.experiments.compare.CompareTab;
import dev.ragworkbench.ui.experiments.launch.LaunchTab;
import dev.ragworkbench.ui.shell.ComparisonRequest;
import dev.ragworkbench.ui.shell.Page;
import dev.ragworkbench.ui.shell.PageContext;
import dev.ragworkbench.ui.shell.PageRequest;
import dev.ragworkbench.ui.shell.PlaceholderPage;
import javafx.scene.Node;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;

/**
 * The Experiments pane's page: the history (a placeholder until its track lands), "Start an experiment" and
 * "Compare", each a tab of its own package's View and ViewModel.
 */
public final class ExperimentsPage implements Page {

    private final TabPane tabs = new TabPane();
    private final LaunchTab launch;
    private final CompareTab compare;
    private PageRequest lastRequest = PageRequest.NONE;

    public ExperimentsPage(PageContext context) {
        launch = new LaunchTab(context, ids -> { });
        compare = new CompareTab(context);
        var history = new Tab("History", new PlaceholderPage(context).view());
        history.setClosable(false);
        tabs.getTabs().addAll(history, launch.tab(), compare.tab());
        tabs.getStyleClass().add("experiments-tabs");
    }

    @Override
    public Node view() {
        return tabs;
    }

    @Override
    public void open(PageRequest request) {
        lastRequest = request;
        if (request instanceof ComparisonRequest c) {
            compare.open(c);
        }
    }

    /** The request this page was last opened with. */
    public PageRequest lastRequest() {
        return lastRequest;
    }

    public LaunchTab launch() {
        return launch;
    }

    public CompareTab compare() {
        return compare;
    }

    @Override
    public void dispose() {
        launch.dispose();
        compare.dispose();
    }
}
