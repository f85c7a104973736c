package dev.ragworkbench.ui.settings;

import dev.ragworkbench.ui.shell.Page;
import dev.ragworkbench.ui.shell.PageContext;
import javafx.application.Platform;

/** The Settings pane's page: the workspace's chat models (add, edit, remove, test connection). */
public final class SettingsPage implements Page {

    private final SettingsViewModel viewModel;
    private final SettingsView view;

    public SettingsPage(PageContext context) {
        viewModel = new SettingsViewModel(context.session().workbench(), context.runner(), Platform::runLater);
        view = new SettingsView(viewModel);
    }

    @Override
    public SettingsView view() {
        return view;
    }

    @Override
    public void attach() {
        viewModel.refresh();
    }

    public SettingsViewModel viewModel() {
        return viewModel;
    }

    @Override
    public void dispose() {
        viewModel.dispose();
    }
}
