package dev.ragworkbench.ui.shell;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** A pane that is not built yet: its name, what it will do, and that it is coming. */
final class PlaceholderPane extends VBox {

    PlaceholderPane(Section section) {
        getStyleClass().add("placeholder-pane");
        setAlignment(Pos.CENTER);
        setSpacing(8);
        var title = new Label(section.label());
        title.getStyleClass().add("title-2");
        var what = new Label(section.description() + ".");
        what.getStyleClass().add("text-muted");
        var coming = new Label("Coming in a later version");
        coming.getStyleClass().add("placeholder-badge");
        getChildren().addAll(title, what, coming);
    }
}
