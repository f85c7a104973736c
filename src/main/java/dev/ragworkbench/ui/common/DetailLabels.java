package dev.ragworkbench.ui.common;

import atlantafx.base.theme.Styles;
import javafx.geometry.Insets;
import javafx.scene.control.Label;

/** The labels of a detail pane (one item read in full): a heading, a muted caption, and wrapped text. */
public final class DetailLabels {

    private DetailLabels() {
    }

    public static Label title(String text) {
        var l = new Label(text);
        l.setWrapText(true);
        l.getStyleClass().add(Styles.TITLE_4);
        l.setPadding(new Insets(6, 0, 0, 0));
        return l;
    }

    public static Label caption(String text) {
        var l = new Label(text);
        l.getStyleClass().addAll(Styles.TEXT_CAPTION, Styles.TEXT_MUTED);
        return l;
    }

    public static Label text(String text) {
        var l = new Label(text);
        l.setWrapText(true);
        return l;
    }
}
