package dev.ragworkbench.report.chart;

import java.util.List;
import java.util.Objects;

/**
 * A chart as primitive marks, in paint order, on a {@code width × height} pixel canvas; what both the SVG
 * renderer of the reports and the pane's JavaFX renderer draw.
 *
 * @param title       what the figure shows, for a caption or an accessible name
 * @param description one sentence for readers who cannot see it (SVG {@code <desc>}, accessible help)
 */
public record Figure(double width, double height, String title, String description, List<Mark> marks) {

    public Figure {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        marks = List.copyOf(marks);
        if (!(width > 0 && height > 0)) {
            throw new IllegalArgumentException("a figure needs a positive size, not " + width + " x " + height);
        }
    }

    /** The marks of one role, in paint order (what tests and renderers with layers look for). */
    public List<Mark> marks(Role role) {
        return marks.stream().filter(m -> m.role() == role).toList();
    }

    /** The marks of one role and one type. */
    public <M extends Mark> List<M> marks(Role role, Class<M> type) {
        return marks.stream().filter(m -> m.role() == role).filter(type::isInstance).map(type::cast).toList();
    }
}
