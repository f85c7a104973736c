package dev.ragworkbench.ui.importing;


import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/** The Import pane's file dialogs, owned by its window. */
final class FilePicker {

    private final Supplier<Window> window;

    FilePicker(Supplier<Window> window) {
        this.window = window;
    }

    /** The window the pane is in, to own the dialogs; null before it is shown. */
    Window window() {
        return window.get();
    }

    /** Asks for one file; empty when the user cancels. */
    Optional<Path> chooseFile(String title, FileChooser.ExtensionFilter... filters) {
        var chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().addAll(filters);
        return Optional.ofNullable(chooser.showOpenDialog(window())).map(File::toPath);
    }
}
