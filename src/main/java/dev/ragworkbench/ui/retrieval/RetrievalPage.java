package dev.ragworkbench.ui.retrieval;

import dev.ragworkbench.ui.shell.PageContext;
import dev.ragworkbench.ui.shell.PlaceholderPage;

/**
 * The Retrieval pane's page; a placeholder until the issue that builds the queries, retriever editor and per-query comparison replaces this class's body (its
 * View and ViewModel go in this package, beside it).
 */
public final class RetrievalPage extends PlaceholderPage {

    public RetrievalPage(PageContext context) {
        super(context);
    }
}
