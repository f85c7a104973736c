package dev.ragworkbench.ui.models.judge;

import atlantafx.base.theme.Styles;
import dev.ragworkbench.experiment.PairwiseItem;
import dev.ragworkbench.experiment.PairwiseJudging;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import static dev.ragworkbench.ui.common.DetailLabels.caption;
import static dev.ragworkbench.ui.common.DetailLabels.text;
import static dev.ragworkbench.ui.common.DetailLabels.title;

/**
 * The Models pane's pairwise judge: the judge model and rubric, a run of the judge with progress and cancel,
 * then the win / tie / loss, win rate with its interval and the orders' agreement, and the disagreeing items,
 * each opening both orders' verdicts and the judge's replies beside the two outputs.
 */
public final class PairwiseView extends BorderPane {

    private final PairwiseViewModel vm;
    private final VBox detail = new VBox(6);

    public PairwiseView(PairwiseViewModel vm) {
        this.vm = vm;
        setId("pairwise-view");
        setPadding(new Insets(8, 0, 0, 0));
        setTop(controls());
        setCenter(results());
        vm.selectedProperty().addListener((o, was, now) -> showDetail(now));
        showDetail(null);
    }

    private VBox controls() {
        var judge = new ComboBox<String>(vm.judges());
        judge.setId("pairwise-judge");
        judge.setPromptText("no endpoint model stored");
        judge.valueProperty().bindBidirectional(vm.judgeProperty());
        judge.disableProperty().bind(vm.runningProperty());
        var judgeLabel = new Label("Judge");
        judgeLabel.setLabelFor(judge);
        var fresh = new CheckBox("Fresh answers");
        fresh.selectedProperty().bindBidirectional(vm.freshProperty());
        var start = new Button("Judge both orders");
        start.setId("pairwise-start");
        start.getStyleClass().add(Styles.ACCENT);
        start.disableProperty().bind(vm.canJudge().not());
        start.setOnAction(e -> vm.judge());
        var cancel = new Button("Cancel");
        cancel.setId("pairwise-cancel");
        cancel.disableProperty().bind(vm.runningProperty().not());
        cancel.setOnAction(e -> vm.cancel());
        var progress = new ProgressBar();
        progress.setId("pairwise-progress");
        progress.setPrefWidth(160);
        progress.progressProperty().bind(vm.progressProperty());
        progress.visibleProperty().bind(vm.runningProperty().or(vm.outcomeProperty().isNotNull()));
        var pair = new Label();
        pair.setId("pairwise-pair");
        pair.textProperty().bind(vm.pair());
        pair.getStyleClass().add(Styles.TEXT_BOLDER);
        var spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        var bar = new HBox(8, pair, spacer, judgeLabel, judge, fresh, start, cancel, progress);
        bar.setAlignment(Pos.CENTER_LEFT);

        var rubric = new TextArea();
        rubric.setId("pairwise-rubric");
        rubric.setWrapText(true);
        rubric.setPrefRowCount(3);
        rubric.textProperty().bindBidirectional(vm.rubricProperty());
        rubric.disableProperty().bind(vm.runningProperty());
        var rubricCaption = wrapped(caption("Rubric: what \"better\" means to the judge. Each item's task, reference"
                + " answer and both outputs are added to it, and the judge must reply {\"reason\": …, \"verdict\":"
                + " \"A\" | \"B\" | \"tie\"}."));

        var status = new Label();
        status.setId("pairwise-status");
        status.textProperty().bind(vm.statusProperty());
        status.getStyleClass().add(Styles.TEXT_MUTED);
        var error = new Label();
        error.setId("pairwise-error");
        error.setWrapText(true);
        error.textProperty().bind(vm.errorProperty());
        error.getStyleClass().add(Styles.DANGER);
        error.managedProperty().bind(vm.errorProperty().isNotEmpty());
        error.visibleProperty().bind(vm.errorProperty().isNotEmpty());
        return new VBox(6, bar, rubricCaption, rubric, status, error);
    }

    private VBox results() {
        var counts = figure("pairwise-counts", "Win · tie · loss", o -> PairwiseViewModel.counts(o));
        var winRate = figure("pairwise-win-rate", "Win rate (ties ½), 95 % CI", o -> PairwiseViewModel.winRate(o));
        var agreement = figure("pairwise-agreement", "Orders agreed", o -> PairwiseViewModel.agreement(o));
        var figures = new HBox(12, counts, winRate, agreement);
        var rule = wrapped(caption("Each item is judged twice, once with each model's output shown first. A verdict"
                + " counts only when both orders agree; when they disagree the item is a tie. MT-Bench found GPT-4"
                + " consistent on about 65 % of swapped pairs: check this judge's figure before trusting its wins."));

        var list = new ListView<PairwiseItem>(vm.disagreements());
        list.setId("pairwise-disagreements");
        list.setPlaceholder(new Label("No item where the two orders disagreed"));
        list.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(PairwiseItem item, boolean empty) {
                super.updateItem(item, empty);
                PairwiseJudging.Outcome o = vm.outcomeProperty().get();
                setText(empty || item == null || o == null ? null
                        : item.id() + "\n  " + o.disagreement(item));
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null) {
                vm.selectedProperty().set(now);
            }
        });
        vm.selectedProperty().addListener((o, was, now) -> {
            if (now != null && list.getSelectionModel().getSelectedItem() != now) {
                list.getSelectionModel().select(now);
            }
        });
        var title = new Label();
        title.textProperty().bind(Bindings.createStringBinding(() -> "Orders disagreed (" + vm.disagreements().size()
                + "): open one to read both", vm.disagreements()));
        title.getStyleClass().add(Styles.TEXT_BOLDER);
        var left = new VBox(4, title, list);
        VBox.setVgrow(list, Priority.ALWAYS);
        var scroll = new ScrollPane(detail);
        scroll.setId("pairwise-detail");
        scroll.setFitToWidth(true);
        detail.setPadding(new Insets(8));
        var split = new SplitPane(left, scroll);
        split.setDividerPositions(0.34);
        VBox.setVgrow(split, Priority.ALWAYS);
        var box = new VBox(8, figures, rule, split);
        box.setPadding(new Insets(8, 0, 0, 0));
        return box;
    }

    /** A figure card: a caption over a value that the outcome fills. */
    private VBox figure(String id, String what, java.util.function.Function<PairwiseJudging.Outcome, String> value) {
        var number = new Label();
        number.setId(id);
        number.textProperty().bind(Bindings.createStringBinding(() -> vm.outcomeProperty().get() == null ? "–"
                : value.apply(vm.outcomeProperty().get()), vm.outcomeProperty()));
        number.getStyleClass().add(Styles.TITLE_4);
        var card = new VBox(2, caption(what), number);
        card.setPadding(new Insets(6, 12, 6, 12));
        card.getStyleClass().add(Styles.BG_NEUTRAL_SUBTLE);
        return card;
    }

    /** One disagreeing item: the task, the reference, both outputs, then each order's verdict and replies. */
    private void showDetail(PairwiseItem item) {
        detail.getChildren().clear();
        PairwiseJudging.Outcome o = vm.outcomeProperty().get();
        if (item == null || o == null) {
            var none = new Label("Pick a disagreeing item to read the judge's two verdicts.");
            none.setWrapText(true);
            none.getStyleClass().add(Styles.TEXT_MUTED);
            detail.getChildren().add(none);
            return;
        }
        detail.getChildren().addAll(title("Item " + item.id()), caption("Task"), text(item.task()),
                caption("Reference answer"), text(item.reference()), caption(o.modelA() + "'s output"),
                text(orNone(item.outputA())), caption(o.modelB() + "'s output"), text(orNone(item.outputB())));
        order(o, item.aFirst(), o.modelA() + " shown first");
        order(o, item.bFirst(), o.modelB() + " shown first");
    }

    private void order(PairwiseJudging.Outcome o, PairwiseItem.Order order, String heading) {
        detail.getChildren().add(title(heading + ": prefers " + o.prefers(order)));
        if (order.failure() != null) {
            var err = text(order.failure());
            err.getStyleClass().add(Styles.DANGER);
            detail.getChildren().add(err);
        }
        for (int i = 0; i < order.replies().size(); i++) {
            detail.getChildren().add(caption(i == 0 ? "The judge's reply" : "Its reply on the retry"));
            var reply = text(order.replies().get(i));
            reply.getStyleClass().add(Styles.TEXT_SMALL);
            detail.getChildren().add(reply);
        }
    }

    /** A label that wraps instead of ending in an ellipsis, keeping the height its lines need. */
    private static Label wrapped(Label l) {
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        return l;
    }

    private static String orNone(String output) {
        return output == null ? "(no output)" : output;
    }
}
