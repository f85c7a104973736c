package dev.ragworkbench.ui.models;

import atlantafx.base.theme.Styles;
import dev.ragworkbench.evaluation.AnswerMetrics;
import dev.ragworkbench.format.Formats;
import dev.ragworkbench.ui.common.Tables;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.MenuButton;

import java.io.File;

/** The Models pane: pick a test set and models, run them, and read the items side by side with the statistics. */
public final class ModelsView extends BorderPane {

    private final ModelsViewModel vm;
    private final FlowPane modelCards = new FlowPane(8, 8);
    private final TableView<ItemRow> items = new TableView<>();
    private final ItemDetail detail = new ItemDetail();
    /** The results' tabs: the items with their statistics, then whatever the page adds (the pairwise judge). */
    private final TabPane tabs = new TabPane();

    public ModelsView(ModelsViewModel vm) {
        this.vm = vm;
        setId("models-pane");
        setPadding(new Insets(12));
        setTop(controls());
        var itemsTab = new Tab("Items and statistics", results());
        itemsTab.setClosable(false);
        tabs.setId("models-tabs");
        tabs.getTabs().add(itemsTab);
        setCenter(tabs);
        vm.models().addListener((ListChangeListener<ModelChoice>) c -> rebuildCards());
        vm.resultModels().addListener((ListChangeListener<String>) c -> rebuildItemColumns());
        vm.selectedProperty().addListener((o, was, now) -> {
            detail.show(now, vm.resultModels());
            if (now != null && items.getSelectionModel().getSelectedItem() != now) {
                items.getSelectionModel().select(now);
                items.scrollTo(now);
            }
        });
        rebuildCards();
        rebuildItemColumns();
    }

    /** Adds a tab beside the items, for a view over the same runs. */
    public void addTab(String title, javafx.scene.Node content) {
        var tab = new Tab(title, content);
        tab.setClosable(false);
        tab.setId("models-tab-" + tabs.getTabs().size());
        tabs.getTabs().add(tab);
    }

    private VBox controls() {
        var openSet = new Button("Test set…");
        openSet.setId("models-open-test-set");
        openSet.setOnAction(e -> choose("Open a test set (JSONL)").ifPresent(f -> vm.openTestSet(f.toPath())));
        var setLabel = new Label();
        setLabel.setId("models-test-set");
        setLabel.textProperty().bind(Bindings.createStringBinding(() -> vm.testSetProperty().get() == null
                ? "no test set" : vm.testSetProperty().get().name() + " · " + vm.testSetProperty().get().size() + " items",
                vm.testSetProperty()));
        setLabel.getStyleClass().add(Styles.TEXT_BOLDER);

        var addPredictions = new Button("Add predictions file…");
        addPredictions.setId("models-add-predictions");
        addPredictions.setOnAction(e -> choose("Add a predictions file ({\"id\", \"output\"} per line)")
                .ifPresent(f -> vm.addPredictions(f.toPath())));

        var metrics = new MenuButton();
        metrics.setId("models-metrics");
        metrics.setMnemonicParsing(false); // metric names have underscores
        metrics.textProperty().bind(Bindings.createStringBinding(() -> "Metrics (" + vm.metrics().size() + ")",
                vm.metrics()));
        var tip = new javafx.scene.control.Tooltip();
        tip.textProperty().bind(Bindings.createStringBinding(() -> String.join(", ", vm.metrics()), vm.metrics()));
        metrics.setTooltip(tip);
        for (String name : AnswerMetrics.NAMES) {
            var item = new CheckMenuItem(name);
            item.setMnemonicParsing(false);
            item.setSelected(vm.metrics().contains(name));
            item.selectedProperty().addListener((o, was, now) -> {
                // in the registry's order, whatever order they were ticked in
                var picked = new java.util.ArrayList<String>();
                for (var mi : metrics.getItems()) {
                    if (((CheckMenuItem) mi).isSelected()) {
                        picked.add(mi.getText());
                    }
                }
                vm.metrics().setAll(picked);
            });
            metrics.getItems().add(item);
        }

        var fresh = new CheckBox("Fresh answers");
        fresh.selectedProperty().bindBidirectional(vm.freshProperty());

        var run = new Button("Run");
        run.setId("models-run");
        run.getStyleClass().add(Styles.ACCENT);
        run.setDefaultButton(true);
        run.disableProperty().bind(vm.canRun().not());
        run.setOnAction(e -> vm.run());
        var cancel = new Button("Cancel");
        cancel.setId("models-cancel");
        cancel.disableProperty().bind(vm.runningProperty().not());
        cancel.setOnAction(e -> vm.cancel());

        var spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        var bar = new HBox(8, openSet, setLabel, spacer, addPredictions, metrics, fresh, run, cancel);
        bar.setAlignment(Pos.CENTER_LEFT);

        var prompt = new TextArea();
        prompt.setId("models-prompt");
        prompt.setPrefRowCount(3);
        prompt.textProperty().bindBidirectional(vm.promptProperty());
        var promptPane = new TitledPane("Prompt: {instruction} and {input} are filled per item", prompt);
        promptPane.setExpanded(false);

        var status = new Label();
        status.setId("models-status");
        status.textProperty().bind(vm.statusProperty());
        status.getStyleClass().add(Styles.TEXT_MUTED);
        var error = new Label();
        error.setId("models-error");
        error.setWrapText(true);
        error.textProperty().bind(vm.errorProperty());
        error.getStyleClass().add(Styles.DANGER);
        error.managedProperty().bind(vm.errorProperty().isNotEmpty());
        error.visibleProperty().bind(vm.errorProperty().isNotEmpty());

        var top = new VBox(8, bar, modelCards, promptPane, status, error);
        top.setPadding(new Insets(0, 0, 8, 0));
        return top;
    }

    private java.util.Optional<File> choose(String title) {
        var chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("JSON Lines", "*.jsonl", "*.json"),
                new FileChooser.ExtensionFilter("All files", "*"));
        return java.util.Optional.ofNullable(chooser.showOpenDialog(getScene() == null ? null : getScene().getWindow()));
    }

    /** One card per model: picked or not, and its run's progress. */
    private void rebuildCards() {
        modelCards.getChildren().clear();
        if (vm.models().isEmpty()) {
            var hint = new Label("No models yet: add predictions files, or store models in Settings.");
            hint.getStyleClass().add(Styles.TEXT_MUTED);
            modelCards.getChildren().add(hint);
            return;
        }
        for (ModelChoice m : vm.models()) {
            var check = new CheckBox(m.name());
            check.setId("model-" + m.name());
            check.selectedProperty().bindBidirectional(m.selectedProperty());
            check.disableProperty().bind(vm.runningProperty());
            var kind = new Label(m.settings().provider().id());
            kind.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
            var progress = new ProgressBar();
            progress.setPrefWidth(140);
            progress.progressProperty().bind(m.progressProperty());
            var state = new Label();
            state.textProperty().bind(m.stateProperty());
            state.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
            var card = new VBox(4, new HBox(6, check, kind), progress, state);
            card.setPadding(new Insets(6, 10, 6, 10));
            card.getStyleClass().addAll(Styles.BG_NEUTRAL_SUBTLE);
            modelCards.getChildren().add(card);
        }
    }

    private SplitPane results() {
        var filters = new HBox();
        filters.setId("models-filter");
        var group = new ToggleGroup();
        var values = ModelsViewModel.Filter.values();
        for (int i = 0; i < values.length; i++) {
            var f = values[i];
            var b = new ToggleButton(f.label());
            b.setId("models-filter-" + f.name().toLowerCase(java.util.Locale.ROOT));
            b.setUserData(f);
            b.setToggleGroup(group);
            b.setSelected(vm.filterProperty().get() == f);
            b.setMinWidth(Region.USE_PREF_SIZE); // the labels beside them give way first
            b.getStyleClass().add(i == 0 ? Styles.LEFT_PILL : i == values.length - 1 ? Styles.RIGHT_PILL : Styles.CENTER_PILL);
            filters.getChildren().add(b);
        }
        group.selectedToggleProperty().addListener((o, was, now) -> {
            if (now == null) {
                was.setSelected(true); // one filter is always on
            } else {
                vm.filterProperty().set((ModelsViewModel.Filter) now.getUserData());
            }
        });
        vm.filterProperty().addListener((o, was, now) -> group.getToggles().stream()
                .filter(t -> t.getUserData() == now).findFirst().ifPresent(t -> t.setSelected(true)));
        var scoreLabel = new Label();
        scoreLabel.textProperty().bind(Bindings.createStringBinding(() -> vm.metrics().isEmpty() ? ""
                : "scores: " + vm.metrics().getFirst(), vm.metrics()));
        scoreLabel.getStyleClass().add(Styles.TEXT_MUTED);
        var count = new Label();
        count.textProperty().bind(Bindings.createStringBinding(() -> vm.shownRows().size() + " of "
                + vm.rows().size() + " items", vm.shownRows(), vm.rows()));
        count.getStyleClass().add(Styles.TEXT_MUTED);
        filters.setMinWidth(Region.USE_PREF_SIZE);
        var filterBar = new HBox(8, filters, count, scoreLabel);
        filterBar.setAlignment(Pos.CENTER_LEFT);

        items.setId("models-items");
        items.setItems(vm.shownRows());
        items.getStyleClass().addAll(Styles.DENSE, Styles.STRIPED);
        items.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        items.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null) {
                vm.selectedProperty().set(now);
            }
        });
        var left = new VBox(6, filterBar, items);
        VBox.setVgrow(items, Priority.ALWAYS);
        var top = new SplitPane(left, detail);
        top.setDividerPositions(0.45);

        var bottom = new SplitPane(aggregates(), flipList());
        bottom.setDividerPositions(0.76);
        var all = new SplitPane(top, bottom);
        all.setOrientation(Orientation.VERTICAL);
        all.setDividerPositions(0.62);
        return all;
    }

    /** id, expected, then per model its score on the first metric and whether it failed. */
    private void rebuildItemColumns() {
        items.getColumns().clear();
        items.getColumns().add(Tables.text("item", ItemRow::id, 70));
        items.getColumns().add(Tables.longText("expected", ItemRow::expected, 90));
        String metric = vm.metrics().isEmpty() ? null : vm.metrics().getFirst();
        for (String model : vm.resultModels()) {
            // the model's name alone: "name metric" headers pushed the second model out of sight
            TableColumn<ItemRow, Double> col = Tables.metric(model, r -> metric == null ? null : r.score(model, metric));
            col.setUserData(metric);
            items.getColumns().add(col);
        }
        if (!vm.resultModels().isEmpty()) {
            items.getColumns().add(Tables.text("", r -> r.anyFailed() ? "failed" : r.flipped() ? "flip" : "", 60));
        }
    }

    private TableView<AggregateRow> aggregates() {
        var table = new TableView<AggregateRow>(vm.aggregates());
        table.setId("models-aggregates");
        table.getStyleClass().addAll(Styles.DENSE);
        table.setPlaceholder(new Label("Paired statistics of each model against the first appear here"));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(Tables.text("metric", AggregateRow::metric, 110));
        table.getColumns().add(Tables.text("model", AggregateRow::model, 120));
        table.getColumns().add(Tables.metric("first", AggregateRow::base));
        table.getColumns().add(Tables.metric("model", AggregateRow::mean));
        table.getColumns().add(Tables.text("Δ", r -> Formats.delta(r.delta()), 70));
        table.getColumns().add(Tables.text("95% CI", r -> "[" + Formats.delta(r.ciLow()) + ", "
                + Formats.delta(r.ciHigh()) + "]", 130));
        table.getColumns().add(Tables.metric("p", AggregateRow::p));
        table.getColumns().add(Tables.metric("McNemar p", r -> r.passFail() ? r.mcnemarP() : null));
        table.getColumns().add(Tables.text("right→wrong", r -> r.passFail() ? Integer.toString(r.rightToWrong())
                : Formats.MISSING, 80));
        table.getColumns().add(Tables.text("wrong→right", r -> r.passFail() ? Integer.toString(r.wrongToRight())
                : Formats.MISSING, 80));
        table.getColumns().add(Tables.text("items", r -> Integer.toString(r.paired()), 50));
        return table;
    }

    private VBox flipList() {
        var list = new ListView<FlipRow>(vm.flips());
        list.setId("models-flips");
        list.setPlaceholder(new Label("No item flipped"));
        list.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(FlipRow item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll(Styles.DANGER, Styles.SUCCESS);
                setText(empty || item == null ? null : item.label());
                if (!empty && item != null) {
                    getStyleClass().add(item.rightToWrong() ? Styles.DANGER : Styles.SUCCESS);
                }
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null) {
                vm.openItem(now.itemId());
            }
        });
        var title = new Label("Flips (open an item)");
        title.getStyleClass().add(Styles.TEXT_BOLDER);
        var box = new VBox(4, title, list);
        VBox.setVgrow(list, Priority.ALWAYS);
        return box;
    }
}
