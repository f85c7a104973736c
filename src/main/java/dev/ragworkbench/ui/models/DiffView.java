package dev.ragworkbench.ui.models;

import atlantafx.base.theme.Styles;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;

/** A word-level diff as a wrapping row of words: added words on green, removed ones struck through on red. */
final class DiffView extends FlowPane {

    DiffView(String older, String newer) {
        setHgap(4);
        setVgap(2);
        getStyleClass().add("word-diff");
        if (newer == null) {
            var failed = new Label("(no output)");
            failed.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_ITALIC);
            getChildren().add(failed);
            return;
        }
        for (var segment : WordDiff.diff(older == null ? "" : older, newer)) {
            var word = new Label(segment.word());
            switch (segment.kind()) {
                case ADDED -> word.getStyleClass().addAll(Styles.BG_SUCCESS_MUTED, Styles.SUCCESS);
                case REMOVED -> word.getStyleClass().addAll(Styles.BG_DANGER_MUTED, Styles.DANGER, Styles.TEXT_STRIKETHROUGH);
                case SAME -> { }
            }
            getChildren().add(word);
        }
    }
}
