package dev.ragworkbench.ui.models;

import dev.ragworkbench.generation.ChatModelSettings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * A model the pane can run: a stored one, or a predictions file added in the pane. Whether it is picked, and its
 * run's progress (0 to 1; -1 while waiting for its turn) and state line.
 */
public final class ModelChoice {

    private final ChatModelSettings settings;
    private final boolean stored;
    private final BooleanProperty selected = new SimpleBooleanProperty(true);
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final StringProperty state = new SimpleStringProperty("");

    ModelChoice(ChatModelSettings settings, boolean stored) {
        this.settings = settings;
        this.stored = stored;
    }

    public ChatModelSettings settings() {
        return settings;
    }

    public String name() {
        return settings.name();
    }

    public boolean stored() {
        return stored;
    }

    public BooleanProperty selectedProperty() {
        return selected;
    }

    public DoubleProperty progressProperty() {
        return progress;
    }

    public StringProperty stateProperty() {
        return state;
    }
}
