package dev.ragworkbench.ui.tasks;

import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;

/** A task as the status bar shows it: title, progress (-1 when unknown), current step, and a way to cancel. */
public interface RunningTask {

    String title();

    ReadOnlyDoubleProperty progressProperty();

    ReadOnlyStringProperty messageProperty();

    void cancel();
}
