package dev.ragworkbench.ui.shell;

import javafx.application.Application;
import javafx.stage.Stage;

/** The JavaFX application; {@code dev.ragworkbench.Main} launches it when started without a command. */
public final class DesktopApp extends Application {

    private AppShell shell;

    @Override
    public void init() {
        StartupProbe.mark("toolkitUp");
    }

    @Override
    public void start(Stage stage) {
        shell = new AppShell(stage, AppConfig.fromArgs(getParameters().getRaw()));
        shell.start();
    }

    @Override
    public void stop() {
        if (shell != null) {
            shell.close();
        }
    }
}
