package dev.ragworkbench.ui.experiments;

import atlantafx.base.theme.Styles;
import dev.ragworkbench.ui.shell.ComparisonRequest;
import dev.ragworkbench.ui.shell.Page;
import dev.ragworkbench.ui.shell.PageContext;
import dev.ragworkbench.ui.shell.PageRequest;
import dev.ragworkbench.ui.shell.RunRequest;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

import java.util.List;
import java.util.function.Function;

/**
 * The Experiments pane: tabs for the history (the workspace's runs), one run's page, starting an experiment, and
 * the comparison of selected runs. The history follows writes by other processes: it polls the store's
 * {@link dev.ragworkbench.experiment.store.HistoryStamp} while shown.
 *
 * <p>The launch form and the comparison view are built in {@code launch} and {@code compare} beside this
 * package; they plug in with {@link #setLaunchView} and {@link #setComparisonView}.
 */
public final class ExperimentsPage implements Page {

    /** How often the shown history asks whether another process wrote to the store. */
    static final Duration POLL = Duration.millis(1000);

    private final HistoryViewModel history;
    private final RunViewModel run;
    private final TabPane tabs = new TabPane();
    private final Tab historyTab;
    private final Tab runTab;
    private final Tab launchTab;
    private final Tab compareTab;
    private final Timeline poll;
    private Function<List<String>, Node> comparisonView = ExperimentsPage::comparisonPlaceholder;

    public ExperimentsPage(PageContext context) {
        var bench = context.session().workbench();
        history = new HistoryViewModel(bench.runs(), bench.uiState(), context.runner());
        run = new RunViewModel(bench.runs(), context.runner());
        var historyView = new HistoryView(history);
        var runView = new RunView(run);
        historyTab = tab("History", historyView, "tab-history");
        runTab = tab("Run", runView, "tab-run");
        launchTab = tab("New experiment", placeholder("Start an experiment from a spec here."), "tab-launch");
        compareTab = tab("Compare", placeholder("Select two or more runs in the history and press Compare."),
                "tab-compare");
        tabs.getTabs().setAll(historyTab, runTab, compareTab, launchTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setId("experiments-tabs");
        tabs.getStyleClass().add(Styles.TABS_FLOATING);
        runTab.setDisable(true);

        historyView.setOnOpen(this::openRun);
        runView.setOnBack(() -> tabs.getSelectionModel().select(historyTab));
        run.setOnChanged(() -> history.reload(true));
        history.setOnCompare(this::compare);

        poll = new Timeline(new KeyFrame(POLL, e -> history.poll()));
        poll.setCycleCount(Animation.INDEFINITE);
        history.reload(true);
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
        switch (request) {
            case RunRequest r -> openRun(r.runId());
            case ComparisonRequest c -> compare(List.of(c.runA(), c.runB()));
            default -> tabs.getSelectionModel().select(historyTab);
        }
    }

    @Override
    public void dispose() {
        poll.stop();
        history.dispose();
    }

    public HistoryViewModel history() {
        return history;
    }

    public RunViewModel run() {
        return run;
    }

    /** Shows a run's page. */
    public void openRun(String runId) {
        run.open(runId);
        runTab.setDisable(false);
        tabs.getSelectionModel().select(runTab);
    }

    /** Shows the comparison of {@code runIds} (two or more; the first is the reference). */
    public void compare(List<String> runIds) {
        compareTab.setContent(comparisonView.apply(List.copyOf(runIds)));
        tabs.getSelectionModel().select(compareTab);
    }

    /** Where the launch form goes (the {@code launch} package's view). */
    public void setLaunchView(Node view) {
        launchTab.setContent(view);
    }

    /** Makes the comparison view for a list of run ids (the {@code compare} package's view). */
    public void setComparisonView(Function<List<String>, Node> factory) {
        comparisonView = factory;
    }

    private static Tab tab(String title, Node content, String id) {
        var tab = new Tab(title, content);
        tab.setId(id);
        if (content instanceof javafx.scene.layout.Region r) {
            r.setPadding(new Insets(12));
        }
        return tab;
    }

    private static Node placeholder(String text) {
        var label = new Label(text);
        label.getStyleClass().add(Styles.TEXT_MUTED);
        return new StackPane(label);
    }

    private static Node comparisonPlaceholder(List<String> ids) {
        var label = new Label("Comparing " + String.join(", ", ids) + " (the comparison view is not built yet).");
        label.setId("compare-placeholder");
        label.setWrapText(true);
        return new VBox(label);
    }
}
