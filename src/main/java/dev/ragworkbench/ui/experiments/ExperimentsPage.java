package dev.ragworkbench.ui.experiments;

import dev.ragworkbench.ui.shell.PageContext;
import dev.ragworkbench.ui.shell.PlaceholderPage;

/**
 * The Experiments pane's page; a placeholder until the issue that builds the run history, the grid runner and the comparison of two runs replaces this class's body (its
 * View and ViewModel go in this package, beside it).
 */
public final class ExperimentsPage extends PlaceholderPage {

    public ExperimentsPage(PageContext context) {
        super(context);
    }
}
