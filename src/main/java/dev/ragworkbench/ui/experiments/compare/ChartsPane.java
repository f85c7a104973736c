package dev.ragworkbench.ui.experiments.compare;

import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** The comparison's figures; drawn once the shared chart module is in. */
final class ChartsPane extends VBox {

    ChartsPane(CompareViewModel vm) {
        getChildren().add(new Label("Charts follow."));
    }
}
