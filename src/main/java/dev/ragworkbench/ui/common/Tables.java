package dev.ragworkbench.ui.common;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;

import java.util.function.Function;

/** Table columns that read and print alike everywhere: text left, numbers right in one format. */
public final class Tables {

    private Tables() {
    }

    public static <S> TableColumn<S, String> text(String title, Function<S, String> value, double width) {
        var col = new TableColumn<S, String>(title);
        col.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        col.setPrefWidth(width);
        col.setMinWidth(Math.min(width, 80));
        return col;
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
}
