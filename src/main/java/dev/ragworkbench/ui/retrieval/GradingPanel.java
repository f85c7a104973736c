package dev.ragworkbench.ui.retrieval;

import atlantafx.base.theme.Styles;
import dev.ragworkbench.evaluation.EvalSet;
import dev.ragworkbench.ui.retrieval.judging.GradeBar;
import dev.ragworkbench.ui.retrieval.judging.GradingModel;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/**
 * Grading in the one-query view, on the judging part's {@link GradingModel} and {@link GradeBar}: the selected
 * hit's document is graded 0, 1 or 2 (buttons, or the keys over the hit lists) for the query shown, into the
 * chosen eval set as a new version of it. The eval set is the one the Eval set tab runs; the model is the
 * ViewModel's ({@link QueryJudgments}), which scores the headers again after each grade.
 */
final class GradingPanel extends VBox {

    private final GradingModel model;

    GradingPanel(RetrievalViewModel vm) {
        model = vm.grading();
        getStyleClass().add("grading-panel");
        setSpacing(4);
        var title = new Label("Grade the selected document");
        title.getStyleClass().add(Styles.TEXT_BOLD);
        var set = new ComboBox<>(vm.eval().sets());
        set.setId("grading-set");
        set.valueProperty().bindBidirectional(vm.eval().setProperty());
        set.setPromptText("eval set to grade into");
        set.setMaxWidth(Double.MAX_VALUE);
        set.setButtonCell(new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(EvalSet s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty || s == null ? "" : s.name());
            }
        });
        var bar = new GradeBar(model);
        bar.setId("grade-bar");
        bar.documentIdProperty().bind(vm.selectedDocProperty());
        var status = new Label();
        status.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        status.setWrapText(true);
        status.textProperty().bind(model.statusProperty());
        getChildren().addAll(title, set, bar, status);
    }

    /** The keys 0, 1 and 2 typed over {@code hits} grade the selected document. */
    void installKeys(Node hits, RetrievalViewModel vm) {
        GradeBar.installKeys(hits, model, vm.selectedDocProperty()::get);
    }

    GradingModel model() {
        return model;
    }
}
