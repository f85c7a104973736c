package dev.ragworkbench.ui.common;

import dev.ragworkbench.format.Formats;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;

import java.util.List;
import java.util.function.Function;

/** Table columns that read and print alike everywhere: text left, numbers right in one format. */
public final class Tables {

    /** The app's font size ({@code .app-root} in app.css), which column widths are measured in. */
    private static final double FONT_SIZE = 13;
    /** A header's label padding (0.5em a side) and its sort arrow, shown when the column is sorted. */
    private static final double HEADER_EXTRA = 14 + 16;
    /** A cell's padding (0.5em a side) and its border. */
    private static final double CELL_EXTRA = 13 + 3;

    /** The widest a flexible column grows: more than any screen, and finite (see {@link #flexible}). */
    private static final double FLEXIBLE_MAX_WIDTH = 10_000;

    /** Marks a {@link #longText} column, holding its value function. */
    private static final Object LONG_TEXT = new Object();
    /** The widest a long-text column asks to be; wider values show whole in the tooltip. */
    private static final double LONG_TEXT_PREF_CAP = 480;
    /** How many rows {@link #sizeLongTextToRows} measures: these tables list dozens, not thousands. */
    private static final int LONG_TEXT_ROWS_MEASURED = 200;

    private Tables() {
    }

    /**
     * A value and its printed form, made once where the row is made (off the FX thread), so that cells show
     * {@code text} without formatting anything while the table fills, sorts or scrolls; sorting uses {@code value}.
     */
    public record Shown<V extends Comparable<? super V>>(V value, String text) implements Comparable<Shown<V>> {

        /** By value, an unknown (null) value first. */
        @Override
        public int compareTo(Shown<V> other) {
            if (value == null || other.value == null) {
                return value == null ? (other.value == null ? 0 : -1) : 1;
            }
            return value.compareTo(other.value);
        }

        /** What the table's default cell prints. */
        @Override
        public String toString() {
            return text;
        }
    }

    public static <S> TableColumn<S, String> text(String title, Function<S, String> value, double width) {
        var col = new TableColumn<S, String>(title);
        col.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        col.setPrefWidth(width);
        col.setMinWidth(Math.min(width, 80));
        return col;
    }

    /**
     * A text column for values a narrow window cuts (paths, reasons, chunker settings): it takes the width the
     * fitted columns leave, and a cell shows its whole text in a tooltip. Not for tables of thousands of rows,
     * whose plain cells cost less. {@link #sizeLongTextToRows} starts it at its widest value's width.
     */
    public static <S> TableColumn<S, String> longText(String title, Function<S, String> value, double minWidth) {
        var col = flexible(text(title, value, minWidth), minWidth);
        col.getProperties().put(LONG_TEXT, value);
        col.setCellFactory(c -> new TableCell<>() {
            private final Tooltip whole = new Tooltip();

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                whole.setText(item);
                setTooltip(empty || item == null || item.isEmpty() ? null : whole);
            }
        });
        return col;
    }

    /**
     * Gives each {@link #longText} column of {@code table} the width of its widest value (up to
     * {@value #LONG_TEXT_PREF_CAP} px) as its preferred width, now and whenever the rows change: the resize
     * policy then shrinks or grows the columns from there, so a long chunker setting gets more room than a short
     * corpus name instead of an even share.
     */
    @SuppressWarnings("unchecked")
    public static <S> void sizeLongTextToRows(TableView<S> table) {
        Runnable size = () -> {
            List<S> rows = table.getItems();
            for (TableColumn<S, ?> col : table.getColumns()) {
                if (col.getProperties().get(LONG_TEXT) instanceof Function<?, ?> f) {
                    var value = (Function<S, String>) f;
                    double width = col.getMinWidth();
                    for (S row : rows.subList(0, Math.min(rows.size(), LONG_TEXT_ROWS_MEASURED))) {
                        String text = value.apply(row);
                        if (text != null) {
                            width = Math.max(width, textWidth(text, FontWeight.NORMAL) + CELL_EXTRA);
                        }
                    }
                    col.setPrefWidth(Math.ceil(Math.min(width, LONG_TEXT_PREF_CAP)));
                }
            }
        };
        table.getItems().addListener((ListChangeListener<S>) c -> size.run());
        size.run();
    }

    /** A right-aligned number column, sorted by value, printed with {@code format}. */
    public static <S> TableColumn<S, Long> number(String title, java.util.function.ToLongFunction<S> value,
                                                  java.util.function.LongFunction<String> format, double width) {
        var col = new TableColumn<S, Long>(title);
        col.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.applyAsLong(c.getValue())));
        col.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Long item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : format.apply(item));
            }
        });
        col.getStyleClass().add("numeric");
        col.setPrefWidth(width);
        col.setMinWidth(width);
        return col;
    }

    /**
     * A right-aligned metric column (nDCG@10, a p-value, a delta), printed as the command line prints it
     * ({@link Formats#metric}: four decimals, a dash when missing) and sorted by value, missing values first.
     * The comparison panes all show metrics through this, so the window and the terminal read alike.
     */
    public static <S> TableColumn<S, Double> metric(String title, Function<S, Double> value) {
        var col = new TableColumn<S, Double>(title);
        col.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        col.setComparator(java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder()));
        col.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Double item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : Formats.metric(item));
            }
        });
        col.getStyleClass().add("numeric");
        return fitted(col, "0.0000", title);
    }

    /** A column of comparable values printed with {@code format} (dates, for instance). */
    public static <S, V extends Comparable<V>> TableColumn<S, V> formatted(
            String title, Function<S, V> value, Function<V, String> format, double width) {
        var col = new TableColumn<S, V>(title);
        col.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        col.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(V item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : format.apply(item));
            }
        });
        col.setPrefWidth(width);
        col.setMinWidth(width);
        return col;
    }

    /**
     * A column of values printed in advance ({@link Shown}): the table's plain cells print their text, so a cell
     * costs no formatting, and sorting compares the values.
     */
    public static <S, V extends Comparable<? super V>> TableColumn<S, Shown<V>> shown(
            String title, Function<S, Shown<V>> value) {
        var col = new TableColumn<S, Shown<V>>(title);
        col.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        return col;
    }

    /** Like {@link #shown}, with a property of the row whose changes reach the visible cells only. */
    public static <S, V extends Comparable<? super V>> TableColumn<S, Shown<V>> shownProperty(
            String title, Function<S, ? extends ObservableValue<Shown<V>>> value) {
        var col = new TableColumn<S, Shown<V>>(title);
        col.setCellValueFactory(c -> value.apply(c.getValue()));
        return col;
    }

    /** Right-aligns {@code column} (numbers). */
    public static <S, T> TableColumn<S, T> numeric(TableColumn<S, T> column) {
        column.getStyleClass().add("numeric");
        return column;
    }

    /**
     * Fixes {@code column}'s width to its header (with room for the sort arrow) or its widest value, whichever is
     * wider, measured in the app's font: a number or a date never truncates, and every pixel left over goes to the
     * columns left flexible (under a constrained resize policy).
     *
     * @param widest the widest text the column shows, e.g. {@code "9,999,999"}
     */
    public static <S, T> TableColumn<S, T> fitted(TableColumn<S, T> column, String... widest) {
        double width = textWidth(column.getText(), FontWeight.BOLD) + HEADER_EXTRA;
        for (String s : widest) {
            width = Math.max(width, textWidth(s, FontWeight.NORMAL) + CELL_EXTRA);
        }
        width = Math.ceil(width);
        column.setMinWidth(width);
        column.setPrefWidth(width);
        column.setMaxWidth(width);
        return column;
    }

    /** Lets {@code column} take the width the fitted columns leave, but not less than {@code minWidth}. */
    public static <S, T> TableColumn<S, T> flexible(TableColumn<S, T> column, double minWidth) {
        column.setMinWidth(minWidth);
        column.setPrefWidth(minWidth);
        // a finite maximum (JavaFX's default): with Double.MAX_VALUE the constrained resize policy left two such
        // columns at their minimum, or gave one all the width and pushed the others out of sight
        column.setMaxWidth(FLEXIBLE_MAX_WIDTH);
        return column;
    }

    private static double textWidth(String s, FontWeight weight) {
        var text = new Text(s);
        text.setFont(Font.font(Font.getDefault().getFamily(), weight, FONT_SIZE));
        return text.getLayoutBounds().getWidth();
    }
}
