package dev.ragworkbench.ui.settings;

import dev.ragworkbench.ui.shell.PageContext;
import dev.ragworkbench.ui.shell.PlaceholderPage;

/**
 * The Settings pane's page; a placeholder until the issue that builds the workspace and model settings replaces this class's body (its
 * View and ViewModel go in this package, beside it).
 */
public final class SettingsPage extends PlaceholderPage {

    public SettingsPage(PageContext context) {
        super(context);
    }
}
