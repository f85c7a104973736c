package dev.ragworkbench.ui.models;

import dev.ragworkbench.ui.shell.PageContext;
import dev.ragworkbench.ui.shell.PlaceholderPage;

/**
 * The Models pane's page; a placeholder until the issue that builds the chat-model comparison replaces this class's body (its
 * View and ViewModel go in this package, beside it).
 */
public final class ModelsPage extends PlaceholderPage {

    public ModelsPage(PageContext context) {
        super(context);
    }
}
