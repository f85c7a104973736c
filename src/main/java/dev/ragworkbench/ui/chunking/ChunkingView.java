package dev.ragworkbench.ui.chunking;

import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.List;

/** The Chunking preview pane: a document and up to three chunker settings side by side. */
public final class ChunkingView extends BorderPane {

    private final ChunkingViewModel vm;
    private final HBox columns = new HBox(16);
    private final List<ChunkColumnView> columnViews = new ArrayList<>();

    public ChunkingView(ChunkingViewModel vm) {
        this.vm = vm;
        getStyleClass().addAll("page", "chunking-view");
        setTop(header());
        columns.getStyleClass().add("chunk-columns");
        setCenter(columns);
        vm.columns().addListener((ListChangeListener<ChunkColumnViewModel>) c -> rebuildColumns());
        rebuildColumns();
    }

    private Node header() {
        var title = new Label("Chunking");
        title.getStyleClass().add("title-2");
        var subtitle = new Label("See where each chunker cuts a document, how big the chunks get, and whether it splits the answers");
        subtitle.getStyleClass().add("text-muted");
        var titles = new VBox(2, title, subtitle);

        var corpus = new ComboBox<>(vm.corpora());
        corpus.valueProperty().bindBidirectional(vm.corpusProperty());
        corpus.setPromptText("No corpus");
        corpus.setPrefWidth(170);
        var document = new ComboBox<>(vm.documents());
        document.setId("chunk-document");
        document.valueProperty().bindBidirectional(vm.documentRefProperty());
        document.setPromptText("No document");
        document.setPrefWidth(340);
        var embedder = new ComboBox<>(vm.embedders());
        embedder.valueProperty().bindBidirectional(vm.embedderProperty());
        embedder.setTooltip(new Tooltip("Sizes are counted in this model's tokens; its limit marks chunks that are too long"));
        var limit = new Label();
        limit.getStyleClass().add("text-muted");
        limit.textProperty().bind(Bindings.format("limit %,d tokens", vm.maxTokensProperty()));
        var add = new Button("Add setting");
        add.setId("add-setting");
        add.disableProperty().bind(Bindings.size(vm.columns()).greaterThanOrEqualTo(ChunkingViewModel.MAX_COLUMNS));
        add.setOnAction(e -> vm.addColumn());

        var row1 = new HBox(8, titles);
        var controls = new HBox(8, field("Corpus", corpus), field("Document", document),
                field("Embedder", embedder), limitBox(limit), spacer(), add);
        controls.setAlignment(Pos.BOTTOM_LEFT);
        var legend = new HBox(14, swatch("chunk-even", "chunk"), swatch("chunk-odd", "next chunk"),
                swatch("chunk-overlap", "overlap"), swatch("evidence-swatch", "answer span"),
                swatch("evidence-split-swatch", "answer span cut by a boundary"));
        legend.setAlignment(Pos.CENTER_LEFT);
        var status = new Label();
        status.getStyleClass().add("text-muted");
        status.textProperty().bind(vm.statusProperty());
        var spacer = spacer();
        var row3 = new HBox(8, legend, spacer, status);
        var box = new VBox(10, row1, controls, row3);
        box.setPadding(new Insets(0, 0, 12, 0));
        return box;
    }

    private static Node limitBox(Label limit) {
        var box = new VBox(limit);
        box.setAlignment(Pos.BOTTOM_LEFT);
        box.setPadding(new Insets(0, 0, 6, 0));
        return box;
    }

    private static Region spacer() {
        var r = new Region();
        HBox.setHgrow(r, Priority.ALWAYS);
        return r;
    }

    private static Node field(String label, Node control) {
        var l = new Label(label);
        l.getStyleClass().add("field-label");
        return new VBox(4, l, control);
    }

    private static Node swatch(String styleClass, String text) {
        var box = new Region();
        box.getStyleClass().addAll("swatch", styleClass);
        box.setPrefSize(14, 14);
        box.setMinSize(14, 14);
        var label = new Label(text);
        label.getStyleClass().add("text-small");
        var row = new HBox(6, box, label);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private void rebuildColumns() {
        columnViews.clear();
        columns.getChildren().clear();
        int i = 0;
        for (ChunkColumnViewModel c : vm.columns()) {
            var view = new ChunkColumnView(c, i++);
            HBox.setHgrow(view, Priority.ALWAYS);
            view.setPrefWidth(400);
            view.setMaxWidth(Double.MAX_VALUE);
            columnViews.add(view);
            columns.getChildren().add(view);
        }
    }

    public int columnCount() {
        return columnViews.size();
    }
}
