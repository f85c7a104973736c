package dev.ragworkbench.ui.retrieval;

import atlantafx.base.theme.Styles;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The answer under one column: which model, its text as it streams in, then the latency and tokens or the
 * failure's reason; hidden while there is none. {@link #bar} makes the model choice and the Answer button of the
 * one-query bar.
 */
final class AnswerPanel extends VBox {

    /** A long answer scrolls rather than squeezing the hits above it. */
    private static final double MAX_TEXT_HEIGHT = 150;

    /** Held here and added weakly: the columns' panels are made anew on each rebuild, the answers live on. */
    private final javafx.beans.value.ChangeListener<ColumnAnswer.State> styleOnState;

    AnswerPanel(ColumnAnswer answer, int index) {
        getStyleClass().add("answer-panel");
        setId("answer-" + index);
        setSpacing(3);
        var title = new Label();
        title.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_BOLD);
        title.textProperty().bind(Bindings.concat("Answer · ", answer.modelProperty()));
        var busy = new ProgressIndicator();
        busy.setPrefSize(14, 14);
        busy.visibleProperty().bind(answer.stateProperty().isEqualTo(ColumnAnswer.State.ASKING));
        busy.managedProperty().bind(busy.visibleProperty());
        var head = new HBox(6, title, busy);
        head.setAlignment(Pos.CENTER_LEFT);

        var text = new Label();
        text.setId("answer-text-" + index);
        text.getStyleClass().add("answer-text");
        text.setWrapText(true);
        text.setMinHeight(Region.USE_PREF_SIZE);
        text.textProperty().bind(answer.textProperty());
        var scroll = new ScrollPane(text);
        scroll.setFitToWidth(true);
        scroll.setMaxHeight(MAX_TEXT_HEIGHT);
        scroll.getStyleClass().addAll(atlantafx.base.theme.Tweaks.EDGE_TO_EDGE, "answer-scroll");
        scroll.visibleProperty().bind(answer.textProperty().isNotEmpty());
        scroll.managedProperty().bind(scroll.visibleProperty());
        // as tall as the text, up to the cap: a ScrollPane's own preferred height ignores its content's
        scroll.prefViewportHeightProperty().bind(Bindings.createDoubleBinding(
                () -> Math.min(MAX_TEXT_HEIGHT, text.prefHeight(Math.max(1, scroll.getViewportBounds().getWidth()))),
                text.textProperty(), scroll.viewportBoundsProperty()));

        var status = new Label();
        status.setId("answer-status-" + index);
        status.getStyleClass().add(Styles.TEXT_SMALL);
        status.setWrapText(true);
        status.setMinHeight(Region.USE_PREF_SIZE);
        status.textProperty().bind(answer.statusProperty());
        styleOnState = (o, a, s) -> state(status, s);
        answer.stateProperty().addListener(new javafx.beans.value.WeakChangeListener<>(styleOnState));
        state(status, answer.stateProperty().get());

        getChildren().addAll(head, scroll, status);
        visibleProperty().bind(answer.stateProperty().isNotEqualTo(ColumnAnswer.State.NONE));
        managedProperty().bind(visibleProperty());
    }

    private static void state(Label status, ColumnAnswer.State s) {
        status.getStyleClass().removeAll(Styles.DANGER, Styles.TEXT_MUTED);
        status.getStyleClass().add(s == ColumnAnswer.State.FAILED ? Styles.DANGER : Styles.TEXT_MUTED);
    }

    /**
     * The model choice and the Answer button (Stop while answering); with no model that can answer, a sentence
     * saying so and a link to Settings instead.
     */
    static Node bar(AnswersViewModel vm, Runnable openSettings) {
        var model = new ComboBox<>(vm.models());
        model.setId("answer-model");
        model.setPromptText("chat model");
        model.setPrefWidth(170);
        model.valueProperty().bindBidirectional(vm.modelProperty());
        model.setTooltip(new Tooltip("The stored chat model that answers the query from each column's top "
                                     + dev.ragworkbench.experiment.HitAnswers.CONTEXT_TOP + " hits"));
        var answer = new Button();
        answer.setId("answer-button");
        answer.textProperty().bind(Bindings.when(vm.askingBinding()).then("Stop").otherwise("Answer"));
        // Stop stays pressable while answering; Answer needs a model and hits to answer from
        answer.disableProperty().bind(vm.askingBinding().not()
                .and(vm.modelProperty().isNull().or(vm.hitsShownProperty().not())));
        answer.setOnAction(e -> {
            if (vm.askingBinding().get()) {
                vm.stopAll();
            } else {
                vm.answerAll();
            }
        });
        var choice = new HBox(6, model, answer);
        choice.setAlignment(Pos.CENTER_LEFT);
        choice.visibleProperty().bind(vm.loadedProperty().and(vm.messageProperty().isEmpty()));
        choice.managedProperty().bind(choice.visibleProperty());

        // the sentence itself opens Settings, where models are added
        var none = new Hyperlink();
        none.setId("answer-message");
        none.getStyleClass().add(Styles.TEXT_SMALL);
        none.textProperty().bind(vm.messageProperty());
        none.setOnAction(e -> openSettings.run());
        none.visibleProperty().bind(vm.messageProperty().isNotEmpty());
        none.managedProperty().bind(none.visibleProperty());
        var box = new HBox(choice, none);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }
}
