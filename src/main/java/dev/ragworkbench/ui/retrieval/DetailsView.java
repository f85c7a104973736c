package dev.ragworkbench.ui.retrieval;

import atlantafx.base.theme.Styles;
import dev.ragworkbench.format.Formats;
import dev.ragworkbench.index.StoredChunk;
import dev.ragworkbench.retrieval.Bm25Explanation;
import dev.ragworkbench.retrieval.QueryTerms;
import dev.ragworkbench.retrieval.compare.ChunkDetails;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

import java.util.ArrayList;

/**
 * The selected hit in full: the chunk inside its document (a little of the text around it, muted) with its
 * character offsets, the BM25 explanation term by term, and the cosine of the query and chunk vectors. A slot
 * below takes a grading control.
 */
final class DetailsView extends HBox {

    /** Characters of document text shown before and after the chunk. */
    static final int CONTEXT = 400;

    private final Label heading = new Label("Select a hit to see its chunk in its document and why it scored so");
    private final TextFlow text = new TextFlow();
    private final GridPane bm25 = new GridPane();
    private final Label cosine = new Label();
    private final StackPane gradingSlot = new StackPane();

    DetailsView(RetrievalViewModel vm) {
        getStyleClass().add("hit-details");
        setId("hit-details");
        setSpacing(16);
        setPadding(new Insets(8, 0, 0, 0));
        heading.getStyleClass().add(Styles.TEXT_BOLD);
        heading.setWrapText(true);
        text.getStyleClass().add("details-text");
        var scroll = new ScrollPane(text);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add(atlantafx.base.theme.Tweaks.EDGE_TO_EDGE);
        var left = new VBox(6, heading, scroll);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        HBox.setHgrow(left, Priority.ALWAYS);
        bm25.setHgap(12);
        bm25.setVgap(2);
        bm25.setId("bm25-explanation");
        cosine.getStyleClass().add(Styles.TEXT_SMALL);
        var scoreTitle = new Label("BM25, term by term");
        scoreTitle.getStyleClass().add(Styles.TEXT_BOLD);
        scoreTitle.setTooltip(new Tooltip("Lucene's explanation: each analysed query term's idf × tf share"));
        var right = new VBox(6, scoreTitle, bm25, cosine, gradingSlot);
        right.setMinWidth(300);
        right.setPrefWidth(400);
        getChildren().addAll(left, right);
        vm.detailsProperty().addListener((o, a, d) -> show(d));
        show(null);
    }

    /** Where the grading control of the judging track goes (empty until one is set). */
    StackPane gradingSlot() {
        return gradingSlot;
    }

    private void show(ChunkDetails d) {
        bm25.getChildren().clear();
        if (d == null) {
            heading.setText("Select a hit to see its chunk in its document and why it scored so");
            text.getChildren().clear();
            cosine.setText("");
            return;
        }
        StoredChunk c = d.chunk();
        String docText = d.documentText();
        String where = docText == null ? "characters " + Formats.count(c.start()) + "–" + Formats.count(c.end())
                : "characters " + Formats.count(c.start()) + "–" + Formats.count(c.end()) + " of "
                  + Formats.count(docText.length());
        heading.setText((c.title() == null || c.title().isBlank() ? c.documentId() : c.title()) + "  ·  "
                        + c.documentId() + " chunk " + c.ordinal() + "  ·  " + where + "  ·  "
                        + Formats.counted(c.tokenCount(), "token") + "  ·  " + d.index());
        var nodes = new ArrayList<Node>();
        boolean inDocument = docText != null && c.end() <= docText.length() && c.start() >= 0
                             && docText.substring(c.start(), c.end()).equals(c.text());
        if (inDocument && c.start() > 0) {
            int from = Math.max(0, c.start() - CONTEXT);
            nodes.add(muted((from > 0 ? "…" : "") + docText.substring(from, c.start())));
        }
        nodes.addAll(HitCell.highlighted(c.text(), d.highlights()));
        nodes.subList(inDocument && c.start() > 0 ? 1 : 0, nodes.size()).forEach(n -> n.getStyleClass().add("in-chunk"));
        if (inDocument && c.end() < docText.length()) {
            int to = Math.min(docText.length(), c.end() + CONTEXT);
            nodes.add(muted(docText.substring(c.end(), to) + (to < docText.length() ? "…" : "")));
        }
        text.getChildren().setAll(nodes);
        Bm25Explanation e = d.bm25();
        int row = 0;
        for (Bm25Explanation.TermScore t : e.terms()) {
            var term = new Label(t.term());
            var score = new Label(Formats.metric(t.score()));
            score.getStyleClass().add("numeric-value");
            if (!t.detail().isEmpty()) {
                var tip = new Tooltip(t.detail());
                term.setTooltip(tip);
                score.setTooltip(tip);
            } else {
                term.getStyleClass().add(Styles.TEXT_MUTED);
                score.getStyleClass().add(Styles.TEXT_MUTED);
            }
            bm25.addRow(row++, term, score);
        }
        var total = new Label("sum");
        total.getStyleClass().add(Styles.TEXT_BOLD);
        var totalValue = new Label(Formats.metric(e.score()));
        totalValue.getStyleClass().addAll(Styles.TEXT_BOLD, "numeric-value");
        bm25.addRow(row, total, totalValue);
        var params = new Label("k1 " + ColumnViewModel.dec(e.k1()) + ", b " + ColumnViewModel.dec(e.b()));
        params.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        bm25.add(params, 0, row + 1, 2, 1);
        cosine.setText(d.cosine().isPresent() ? "cosine to the query " + Formats.metric(d.cosine().getAsDouble())
                : "no vectors in this index");
    }

    private static Text muted(String s) {
        var t = new Text(s);
        t.getStyleClass().addAll("snippet-text", "context-text");
        return t;
    }
}
