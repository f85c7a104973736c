package dev.ragworkbench.ui.retrieval;

import dev.ragworkbench.ui.retrieval.judging.JudgingView;
import dev.ragworkbench.ui.shell.PageContext;
import dev.ragworkbench.ui.shell.PlaceholderPage;
import javafx.scene.Node;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;

/**
 * The Retrieval pane's page; a placeholder until the issue that builds the queries, retriever editor and per-query comparison replaces this class's body (its
 * View and ViewModel go in this package, beside it). Its Judging tab is built ({@code judging}).
 */
public final class RetrievalPage extends PlaceholderPage {

    private final PageContext context;
    private TabPane tabs;
    private JudgingView judging;

    public RetrievalPage(PageContext context) {
        super(context);
        this.context = context;
    }

    @Override
    public Node view() {
        if (tabs == null) {
            judging = new JudgingView(context.session(), context.runner());
            var compare = new Tab("Compare", super.view());
            var judge = new Tab("Judging", judging);
            judge.setId("judging-tab");
            tabs = new TabPane(compare, judge);
            tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        }
        return tabs;
    }

    /** The Judging tab's view. */
    public JudgingView judging() {
        view();
        return judging;
    }

    @Override
    public void dispose() {
        if (judging != null) {
            judging.dispose();
        }
        super.dispose();
    }
}
