package dev.ragworkbench.ui.retrieval;

import dev.ragworkbench.format.Formats;
import dev.ragworkbench.retrieval.QueryTerms;
import dev.ragworkbench.retrieval.compare.ColumnHit;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

import java.util.ArrayList;
import java.util.List;

/**
 * One hit: rank, how it moved against the first column, its document title, its labelled score, and the snippet
 * with the query's analysed terms in bold. The hit whose document is selected anywhere is marked ({@code :shared});
 * a document the eval set judges relevant for the opened query too ({@code :relevant}).
 */
final class HitCell extends ListCell<ColumnHit> {

    static final PseudoClass SHARED = PseudoClass.getPseudoClass("shared");
    static final PseudoClass RELEVANT = PseudoClass.getPseudoClass("relevant");

    private final ColumnViewModel column;
    private final boolean first;
    private final Label rank = new Label();
    private final Label move = new Label();
    private final Label title = new Label();
    private final Label score = new Label();
    private final Label relevant = new Label("relevant");
    private final TextFlow snippet = new TextFlow();
    private final VBox box;

    HitCell(ColumnViewModel column, boolean first) {
        this.column = column;
        this.first = first;
        getStyleClass().add("hit-cell");
        rank.getStyleClass().add("hit-rank");
        move.getStyleClass().add("hit-move");
        title.getStyleClass().add("hit-title");
        score.getStyleClass().add("hit-score");
        relevant.getStyleClass().add("hit-relevant");
        snippet.getStyleClass().add("hit-snippet");
        var spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        title.setMinWidth(0);
        // the title gives way; rank, movement, score and the relevant mark never ellipsize
        for (Label l : new Label[] {rank, move, score, relevant}) {
            l.setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox.setHgrow(title, Priority.SOMETIMES);
        var head = new HBox(6, rank, move, title, spacer, relevant, score);
        head.setAlignment(Pos.CENTER_LEFT);
        box = new VBox(2, head, snippet);
        box.setMinWidth(0);
        // wrap the snippet to the list's width, not to its own text
        listViewProperty().addListener((o, a, list) -> {
            if (list != null) {
                snippet.prefWidthProperty().bind(list.widthProperty().subtract(42));
                box.prefWidthProperty().bind(list.widthProperty().subtract(30));
                box.maxWidthProperty().bind(list.widthProperty().subtract(30));
            }
        });
        column.parent().selectedDocProperty().addListener((o, a, b) -> mark());
        column.parent().relevantDocs().addListener((javafx.collections.SetChangeListener<String>) c -> mark());
    }

    @Override
    protected void updateItem(ColumnHit hit, boolean empty) {
        super.updateItem(hit, empty);
        setText(null);
        if (empty || hit == null) {
            setGraphic(null);
            mark();
            return;
        }
        rank.setText(Integer.toString(hit.rank()));
        String m = hit.movementLabel();
        move.setText(first ? "" : m);
        move.setVisible(!first && !m.isEmpty());
        move.setManaged(!first && !m.isEmpty());
        move.getStyleClass().removeAll("up", "down", "new");
        Integer by = hit.movement();
        move.getStyleClass().add(by == null ? "new" : by > 0 ? "up" : "down");
        title.setText(hit.title() == null || hit.title().isBlank() ? hit.docId() : hit.title());
        score.setText(column.resultProperty().get() == null ? Formats.metric(hit.score())
                : column.resultProperty().get().column().scoreLabel() + " " + Formats.metric(hit.score()));
        snippet.getChildren().setAll(highlighted(hit.snippet(), hit.highlights()));
        setGraphic(box);
        mark();
    }

    private void mark() {
        ColumnHit hit = isEmpty() ? null : getItem();
        String selected = column.parent().selectedDocProperty().get();
        boolean isRelevant = hit != null && column.parent().relevantDocs().contains(hit.docId());
        pseudoClassStateChanged(SHARED, hit != null && hit.docId().equals(selected));
        pseudoClassStateChanged(RELEVANT, isRelevant);
        relevant.setVisible(isRelevant);
        relevant.setManaged(isRelevant);
    }

    /** The text as Text nodes, the spans bold (style class {@code term-hit}). */
    static List<Node> highlighted(String text, List<QueryTerms.Span> spans) {
        var nodes = new ArrayList<Node>();
        int at = 0;
        for (QueryTerms.Span s : spans) {
            if (s.start() < at || s.end() > text.length()) {
                continue;
            }
            if (s.start() > at) {
                nodes.add(plain(text.substring(at, s.start())));
            }
            var t = new Text(text.substring(s.start(), s.end()));
            t.getStyleClass().addAll("snippet-text", "term-hit");
            nodes.add(t);
            at = s.end();
        }
        if (at < text.length()) {
            nodes.add(plain(text.substring(at)));
        }
        return nodes;
    }

    private static Text plain(String s) {
        var t = new Text(s);
        t.getStyleClass().add("snippet-text");
        return t;
    }
}
