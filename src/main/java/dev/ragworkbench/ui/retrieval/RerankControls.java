package dev.ragworkbench.ui.retrieval;

import atlantafx.base.theme.Styles;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;

import java.io.File;
import java.nio.file.Path;

/**
 * A column's reranker controls over its {@link RerankForm}: none / embedder / cross-encoder, the embedder's choice or
 * the cross-encoder's folder (a folder chooser), and the depth as a bounded spinner. Its latency shows apart in
 * the column's stage latencies (rerank).
 */
final class RerankControls extends VBox {

    RerankControls(RerankForm form, RetrievalViewModel pane, int index) {
        setSpacing(4);
        var kind = new ComboBox<RerankForm.Kind>();
        kind.setId("rerank-kind-" + index);
        kind.getItems().setAll(RerankForm.Kind.values());
        kind.valueProperty().bindBidirectional(form.kindProperty());
        kind.setTooltip(new Tooltip("Re-score the retriever's best chunks: with a second embedder, or a cross-encoder"
                                    + " ONNX model (a folder with model.onnx and tokenizer.json)"));
        var embedder = new ComboBox<>(pane.embedders());
        embedder.setId("rerank-embedder-" + index);
        embedder.valueProperty().bindBidirectional(form.embedderProperty());
        embedder.setPrefWidth(180);
        var folder = new Label();
        folder.setId("rerank-model-" + index);
        folder.getStyleClass().add(Styles.TEXT_SMALL);
        folder.textProperty().bind(form.modelProperty().map(m -> Path.of(m).getFileName().toString())
                .orElse("no folder chosen"));
        folder.setMaxWidth(150);
        var tip = new Tooltip();
        tip.textProperty().bind(form.modelProperty().orElse("no folder chosen"));
        folder.setTooltip(tip);
        var choose = new Button("Folder…");
        choose.setId("rerank-choose-" + index);
        choose.getStyleClass().add(Styles.SMALL);
        choose.disableProperty().bind(form.loadingProperty());
        choose.setOnAction(e -> {
            var chooser = new DirectoryChooser();
            chooser.setTitle("Cross-encoder folder (model.onnx and tokenizer.json)");
            String now = form.modelProperty().get();
            if (now != null && new File(now).getParentFile() != null && new File(now).getParentFile().isDirectory()) {
                chooser.setInitialDirectory(new File(now).getParentFile());
            }
            File picked = chooser.showDialog(getScene() == null ? null : getScene().getWindow());
            if (picked != null) {
                form.chooseModel(picked.toPath());
            }
        });
        var model = new FlowPane(4, 2, choose, folder);
        model.setAlignment(Pos.CENTER_LEFT);
        var depth = ColumnView.labelled("rerank depth", ColumnView.integer(form.depthProperty(), 1,
                ColumnViewModel.DEPTH_MAX, 10, "rerank-depth-" + index));
        Node embedderBox = ColumnView.labelled("rerank embedder", embedder);
        Node modelBox = ColumnView.labelled("cross-encoder", model);
        Runnable shown = () -> {
            RerankForm.Kind k = form.kindProperty().get();
            show(embedderBox, k == RerankForm.Kind.EMBEDDER);
            show(modelBox, k == RerankForm.Kind.CROSS_ENCODER);
            show(depth, k != null && k != RerankForm.Kind.NONE);
        };
        form.kindProperty().addListener((o, a, k) -> shown.run());
        shown.run();
        var row = new FlowPane(6, 4, ColumnView.labelled("rerank", kind), embedderBox, modelBox, depth);
        row.setAlignment(Pos.BOTTOM_LEFT);
        var message = new Label();
        message.setId("rerank-message-" + index);
        message.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.WARNING);
        message.setWrapText(true);
        message.setMinHeight(Region.USE_PREF_SIZE); // all of the refusal's lines, not one cut short
        message.textProperty().bind(form.messageProperty());
        message.visibleProperty().bind(form.messageProperty().isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());
        getChildren().addAll(row, message);
    }

    private static void show(Node node, boolean visible) {
        node.setVisible(visible);
        node.setManaged(visible);
    }
}
