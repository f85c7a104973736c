package dev.ragworkbench.ui.experiments;

import atlantafx.base.theme.Styles;
import dev.ragworkbench.ui.experiments.compare.CompareTab;
import dev.ragworkbench.ui.experiments.launch.LaunchTab;
import dev.ragworkbench.ui.shell.ComparisonRequest;
import dev.ragworkbench.ui.shell.Page;
import dev.ragworkbench.ui.shell.PageContext;
import dev.ragworkbench.ui.shell.PageRequest;
import dev.ragworkbench.ui.shell.RunRequest;
import dev.ragworkbench.ui.workspace.WorkspaceSession;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.util.Duration;

import java.util.List;

/**
 * The Experiments pane: tabs for the history (the workspace's runs), one run's page, starting an experiment, and
 * the comparison of selected runs. The history follows writes by other processes: it polls the store's
 * {@link dev.ragworkbench.experiment.store.HistoryStamp} while shown.
 *
 * <p>The launch form and the comparison view are built in the {@code launch} and {@code compare} sub-packages,
 * each a tab with its own View and ViewModel.
 */
public final class ExperimentsPage implements Page {

    /** How often the shown history asks whether another process wrote to the store. */
    static final Duration POLL = Duration.millis(1000);

    private final HistoryViewModel history;
    private final RunViewModel run;
    private final TabPane tabs = new TabPane();
    private final Tab historyTab;
    private final Tab runTab;
    private final LaunchTab launch;
    private final CompareTab compare;
    private final Timeline poll;
    private PageRequest lastRequest = PageRequest.NONE;

    public ExperimentsPage(PageContext context) {
        var bench = context.session().workbench();
        history = new HistoryViewModel(bench.runs(), bench.uiState(), context.runner());
        run = new RunViewModel(bench.runs(), context.runner());
        var historyView = new HistoryView(history);
        historyTab = tab("History", historyView, "tab-history");
        // the run's view is built when a run is first opened (see openRun): the page opens on the history
        runTab = tab("Run", null, "tab-run");
        // Runs a launched grid made show in the history at once, not only at the next poll.
        launch = new LaunchTab(context, ids -> history.reload(true));
        compare = new CompareTab(context);
        tabs.getTabs().setAll(historyTab, runTab, compare.tab(), launch.tab());
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setId("experiments-tabs");
        tabs.getStyleClass().add(Styles.TABS_FLOATING);
        runTab.setDisable(true);

        historyView.setOnOpen(this::openRun);
        run.setOnChanged(() -> history.reload(true));
        history.setOnCompare(this::compare);

        poll = new Timeline(new KeyFrame(POLL, e -> history.poll()));
        poll.setCycleCount(Animation.INDEFINITE);
        // the rows the shell's warm step read (see warm) are in the first frame; attach's poll catches a change since
        context.session().takeWarm(HistorySnapshot.class).ifPresentOrElse(history::showWarm, () -> history.reload(true));
    }

    /**
     * Reads the history's first page off the FX thread and keeps it in the session for the page's first frame (the
     * shell calls it once after the window's start while this page is not built): see {@link HistoryViewModel#warm}.
     */
    public static void warm(WorkspaceSession session) {
        var bench = session.workbench();
        session.keepWarm(HistorySnapshot.class, HistoryViewModel.warm(bench.runs(), bench.uiState()));
    }

    @Override
    public Node view() {
        return tabs;
    }

    @Override
    public void attach() {
        history.poll();
        poll.play();
    }

    @Override
    public void detach() {
        poll.stop();
    }

    @Override
    public void open(PageRequest request) {
        lastRequest = request;
        switch (request) {
            case RunRequest r -> openRun(r.runId());
            case ComparisonRequest c -> {
                compare.open(c);
                tabs.getSelectionModel().select(compare.tab());
            }
            default -> tabs.getSelectionModel().select(historyTab);
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
        poll.stop();
        history.dispose();
        launch.dispose();
        compare.dispose();
    }

    public HistoryViewModel history() {
        return history;
    }

    public RunViewModel run() {
        return run;
    }

    /** Shows a run's page. */
    public void openRun(String runId) {
        if (runTab.getContent() == null) {
            var runView = new RunView(run);
            runView.setOnBack(() -> tabs.getSelectionModel().select(historyTab));
            runView.setPadding(new Insets(12));
            runTab.setContent(runView);
        }
        run.open(runId);
        runTab.setDisable(false);
        tabs.getSelectionModel().select(runTab);
    }

    /** Shows the comparison of {@code runIds} (two or more; the first is the reference). */
    public void compare(List<String> runIds) {
        compare.compare(List.copyOf(runIds));
        tabs.getSelectionModel().select(compare.tab());
    }

    private static Tab tab(String title, Node content, String id) {
        var tab = new Tab(title, content);
        tab.setId(id);
        if (content instanceof javafx.scene.layout.Region r) {
            r.setPadding(new Insets(12));
        }
        return tab;
    }
}
