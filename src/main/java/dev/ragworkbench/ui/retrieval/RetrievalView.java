package dev.ragworkbench.ui.retrieval;

import atlantafx.base.theme.Styles;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The Retrieval pane: the query and its columns side by side with a hit's details, and the eval-set mode. */
public final class RetrievalView extends BorderPane {

    private final RetrievalViewModel vm;
    private final HBox columns = new HBox(12);
    private final List<ColumnView> columnViews = new ArrayList<>();
    private final DetailsView details;
    private final TabPane tabs = new TabPane();
    private final Tab oneQuery = new Tab("One query");
    private final Tab evalSet = new Tab("Eval set");
    private final EvalView evalView;
    private final HBox oneQueryBar = new HBox(6);
    private Function<ColumnViewModel, Node> columnFooter = c -> null;

    public RetrievalView(RetrievalViewModel vm) {
        this.vm = vm;
        getStyleClass().addAll("page", "retrieval-view");
        getStylesheets().add(RetrievalView.class.getResource("retrieval.css").toExternalForm());
        details = new DetailsView(vm);
        evalView = new EvalView(vm.eval(), row -> {
            vm.eval().openQuery(row);
            tabs.getSelectionModel().select(oneQuery);
        });
        setTop(header());
        columns.getStyleClass().add("retrieval-columns");
        columns.setFillHeight(true);
        var scroll = new ScrollPane(columns);
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        scroll.getStyleClass().add(atlantafx.base.theme.Tweaks.EDGE_TO_EDGE);
        var split = new SplitPane(scroll, details);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.74);
        oneQuery.setContent(split);
        oneQuery.setClosable(false);
        oneQuery.setId("one-query-tab");
        evalView.setPadding(new Insets(10, 0, 0, 0));
        evalSet.setContent(evalView);
        evalSet.setClosable(false);
        evalSet.setId("eval-set-tab");
        tabs.getTabs().setAll(oneQuery, evalSet);
        tabs.getStyleClass().add(Styles.TABS_FLOATING);
        setCenter(tabs);
        vm.columns().addListener((ListChangeListener<ColumnViewModel>) c -> rebuildColumns());
        rebuildColumns();
    }

    private Node header() {
        var title = new Label("Retrieval");
        title.getStyleClass().add(Styles.TITLE_2);
        var subtitle = new Label("One query or a whole eval set through several retrievers, side by side");
        subtitle.getStyleClass().add(Styles.TEXT_MUTED);
        var query = new TextField();
        query.setId("query");
        query.setPromptText("Type a query…");
        query.textProperty().bindBidirectional(vm.queryProperty());
        HBox.setHgrow(query, Priority.ALWAYS);
        var busy = new ProgressIndicator();
        busy.setPrefSize(18, 18);
        busy.visibleProperty().bind(vm.searchingProperty());
        var add = new Button("Add column");
        add.setId("add-column");
        add.disableProperty().bind(Bindings.size(vm.columns()).greaterThanOrEqualTo(RetrievalViewModel.MAX_COLUMNS));
        add.setOnAction(e -> vm.addColumn());
        var copy = new Button("Copy as spec");
        copy.setId("copy-spec");
        copy.setTooltip(new Tooltip("Copy the columns' retrievers as an experiment spec's retrieval list"));
        copy.setOnAction(e -> {
            var content = new ClipboardContent();
            content.putString(vm.specText());
            Clipboard.getSystemClipboard().setContent(content);
        });
        var status = new Label();
        status.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        status.textProperty().bind(vm.statusProperty());
        // what only the one-query view uses (the answers' model and button) is shown with it only
        oneQueryBar.setAlignment(Pos.CENTER_LEFT);
        oneQueryBar.visibleProperty().bind(oneQuery.selectedProperty());
        oneQueryBar.managedProperty().bind(oneQueryBar.visibleProperty());
        var row = new HBox(8, query, busy, add, copy, oneQueryBar);
        row.setAlignment(Pos.CENTER_LEFT);
        var spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        var box = new VBox(8, new VBox(2, title, subtitle), row, status);
        box.setPadding(new Insets(0, 0, 8, 0));
        return box;
    }

    private void rebuildColumns() {
        columnViews.clear();
        columns.getChildren().clear();
        int i = 0;
        for (ColumnViewModel c : vm.columns()) {
            var view = new ColumnView(c, i++);
            HBox.setHgrow(view, Priority.ALWAYS);
            view.setPrefWidth(360);
            view.setMaxWidth(Double.MAX_VALUE);
            Node footer = columnFooter.apply(c);
            if (footer != null) {
                view.setFooter(footer);
            }
            columnViews.add(view);
            columns.getChildren().add(view);
        }
    }

    /** Puts {@code node} at the end of the query's row, shown while the one-query view is. */
    public void setOneQueryBar(Node node) {
        oneQueryBar.getChildren().setAll(node);
    }

    /** What goes under each column's hits (its answer), made anew when the columns are rebuilt; null for nothing. */
    public void setColumnFooter(Function<ColumnViewModel, Node> footer) {
        columnFooter = footer;
        rebuildColumns();
    }

    /** Puts a grading control (the judging part of this pane) under the hit's details. */
    public void setGradingNode(Node node) {
        details.gradingSlot().getChildren().setAll(node);
    }

    /** Adds a tab after the pane's own (the Judging tab). */
    public void addTab(String title, String id, Node content) {
        var tab = new Tab(title, content);
        tab.setId(id);
        tab.setClosable(false);
        tabs.getTabs().add(tab);
    }

    /** Where the hit lists sit: keys typed over them (grades) can be caught here. */
    Node hitsArea() {
        return columns;
    }

    public void showOneQuery() {
        tabs.getSelectionModel().select(oneQuery);
    }

    public void showEvalSet() {
        tabs.getSelectionModel().select(evalSet);
    }

    int columnCount() {
        return columnViews.size();
    }
}
