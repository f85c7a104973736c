package dev.ragworkbench.ui.chunking;

import dev.ragworkbench.chunking.ChunkStats;
import dev.ragworkbench.chunking.Chunk;
import dev.ragworkbench.format.Formats;
import dev.ragworkbench.evaluation.AnswerSpan;
import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;
import javafx.scene.shape.Path;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.util.Duration;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A document's text with its chunks drawn behind it: chunks in two alternating colours, overlaps in a third,
 * whitespace between chunks left bare; answer spans (evidence) underlined, in red where a boundary cuts them.
 * Hovering a chunk shows its number and token count.
 */
final class ChunkedTextView extends ScrollPane {

    private final TextFlow flow = new TextFlow();
    private final Pane shapes = new Pane();
    private String text = "";
    private List<Chunk> chunks = List.of();
    private List<AnswerSpan> evidence = List.of();
    private boolean shapesDirty;

    ChunkedTextView() {
        getStyleClass().add("chunked-text");
        flow.getStyleClass().add("chunked-text-flow");
        flow.setMouseTransparent(true);
        shapes.setManaged(true);
        var stack = new StackPane(shapes, flow);
        stack.setAlignment(javafx.geometry.Pos.TOP_LEFT);
        setContent(stack);
        setFitToWidth(true);
        setHbarPolicy(ScrollBarPolicy.NEVER);
        flow.layoutBoundsProperty().addListener((o, a, b) -> {
            if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
                scheduleShapes();
            }
        });
    }

    void show(String text, List<Chunk> chunks, List<AnswerSpan> evidence) {
        this.text = text == null ? "" : text;
        this.chunks = chunks;
        this.evidence = evidence;
        flow.getChildren().setAll(runs());
        scheduleShapes();
    }

    /** Scrolls so that {@code chunk} is in view. */
    void reveal(Chunk chunk) {
        var elements = flow.rangeShape(chunk.start(), Math.min(chunk.end(), text.length()));
        if (elements.length == 0) {
            return;
        }
        Bounds b = new Path(elements).getBoundsInLocal();
        double content = flow.getHeight() - getViewportBounds().getHeight();
        if (content > 0) {
            setVvalue(Math.max(0, Math.min(1, (b.getMinY() - 24) / content)));
        }
    }

    /** Text runs cut at evidence boundaries; evidence runs styled, split evidence in the warning style. */
    private List<Text> runs() {
        var cuts = new TreeSet<Integer>(List.of(0, text.length()));
        for (AnswerSpan e : evidence) {
            cuts.add(Math.min(e.start(), text.length()));
            cuts.add(Math.min(e.end(), text.length()));
        }
        var runs = new ArrayList<Text>();
        Integer prev = null;
        for (int cut : cuts) {
            if (prev != null && cut > prev) {
                var run = new Text(text.substring(prev, cut));
                run.getStyleClass().add("text-run");
                int a = prev;
                int b = cut;
                var covering = evidence.stream().filter(e -> e.start() <= a && e.end() >= b).toList();
                if (!covering.isEmpty()) {
                    run.getStyleClass().add(covering.stream().anyMatch(e -> ChunkStats.isSplit(e, chunks))
                            ? "evidence-split" : "evidence");
                }
                runs.add(run);
            }
            prev = cut;
        }
        return runs;
    }

    private void scheduleShapes() {
        if (!shapesDirty) {
            shapesDirty = true;
            Platform.runLater(this::drawShapes);
        }
    }

    /** Paints one shape per stretch of text with the same chunks over it. */
    private void drawShapes() {
        shapesDirty = false;
        flow.layout();
        var nodes = new ArrayList<Path>();
        var cuts = new TreeSet<Integer>();
        for (Chunk c : chunks) {
            cuts.add(Math.min(c.start(), text.length()));
            cuts.add(Math.min(c.end(), text.length()));
        }
        Integer prev = null;
        for (int cut : cuts) {
            if (prev != null && cut > prev) {
                int a = prev;
                int b = cut;
                var covering = chunks.stream().filter(c -> c.start() <= a && c.end() >= b).toList();
                if (!covering.isEmpty()) {
                    var path = new Path(flow.rangeShape(a, b));
                    path.setStrokeWidth(0);
                    if (covering.size() > 1) {
                        path.getStyleClass().add("chunk-overlap");
                    } else {
                        path.getStyleClass().add(covering.getFirst().ordinal() % 2 == 0 ? "chunk-even" : "chunk-odd");
                    }
                    var tip = new Tooltip(tooltip(covering));
                    tip.setShowDelay(Duration.millis(150));
                    Tooltip.install(path, tip);
                    nodes.add(path);
                }
            }
            prev = cut;
        }
        shapes.getChildren().setAll(nodes);
    }

    private static String tooltip(List<Chunk> covering) {
        if (covering.size() == 1) {
            Chunk c = covering.getFirst();
            return "Chunk " + (c.ordinal() + 1) + " · " + Formats.counted(c.tokenCount(), "token") + " · characters "
                   + Formats.count(c.start()) + "–" + Formats.count(c.end());
        }
        var parts = covering.stream().map(c -> "chunk " + (c.ordinal() + 1) + " (" + Formats.counted(c.tokenCount(),
                "token") + ")").toList();
        return "Overlap of " + String.join(" and ", parts);
    }

    int runCount() {
        return flow.getChildren().size();
    }
}
