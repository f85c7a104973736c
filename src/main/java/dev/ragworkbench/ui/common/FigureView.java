package dev.ragworkbench.ui.common;

import dev.ragworkbench.report.chart.Figure;
import dev.ragworkbench.report.chart.Mark;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Pane;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Line;
import javafx.scene.shape.Polyline;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;
import javafx.scene.transform.Rotate;

/**
 * A {@link Figure} of the shared chart module drawn with JavaFX shapes, the pane's counterpart of the reports' SVG
 * renderer: the same marks at the same coordinates. A mark's role and series become style classes
 * ({@code mark-bar s1}, as the SVG's), coloured by {@code figure.css} from the theme's looked-up colours, so a
 * figure follows the light and dark themes; a mark's tip becomes its tooltip.
 */
public final class FigureView extends Pane {

    /** Series colours {@code figure.css} defines; series indexes wrap around. */
    public static final int PALETTE = 8;

    private final Figure figure;

    public FigureView(Figure figure) {
        this.figure = figure;
        getStyleClass().add("figure-view");
        getStylesheets().add(FigureView.class.getResource("figure.css").toExternalForm());
        setPrefSize(figure.width(), figure.height());
        setMinSize(figure.width(), figure.height());
        setMaxSize(figure.width(), figure.height());
        setAccessibleText(figure.title() + ". " + figure.description());
        for (Mark mark : figure.marks()) {
            Node node = node(mark);
            node.getStyleClass().addAll(mark.role().cssClass(), "s" + Math.floorMod(mark.series(), PALETTE));
            if (!mark.tip().isEmpty()) {
                Tooltip.install(node, new Tooltip(mark.tip()));
            }
            getChildren().add(node);
        }
    }

    public Figure figure() {
        return figure;
    }

    private static Node node(Mark mark) {
        return switch (mark) {
            case Mark.Rect r -> new Rectangle(r.x(), r.y(), r.width(), r.height());
            case Mark.Line l -> new Line(l.x1(), l.y1(), l.x2(), l.y2());
            case Mark.Circle c -> new Circle(c.cx(), c.cy(), c.r());
            case Mark.Polyline p -> {
                var line = new Polyline();
                p.points().forEach(pt -> line.getPoints().addAll(pt.x(), pt.y()));
                yield line;
            }
            case Mark.Text t -> text(t);
        };
    }

    private static Text text(Mark.Text t) {
        var text = new Text(t.text());
        text.setTextOrigin(VPos.BASELINE);
        text.getStyleClass().add("figure-text");
        // the anchor needs the laid-out width, known once the style (font size) applies
        text.layoutBoundsProperty().addListener((o, a, b) -> place(text, t));
        place(text, t);
        if (t.rotate() != 0) {
            text.getTransforms().add(new Rotate(t.rotate(), t.x(), t.y()));
        }
        return text;
    }

    private static void place(Text text, Mark.Text t) {
        double w = text.getLayoutBounds().getWidth();
        text.setX(switch (t.anchor()) {
            case START -> t.x();
            case MIDDLE -> t.x() - w / 2;
            case END -> t.x() - w;
        });
        text.setY(t.y());
    }
}
