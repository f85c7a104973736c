package dev.ragworkbench.ui.importing;

import dev.ragworkbench.format.Formats;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import java.util.Comparator;
import java.util.Map;
import java.util.function.Supplier;

/** What the Import pane's tabs share: a tab titled with its count, built when first shown, tools above a table. */
final class ImportTabs {

    private ImportTabs() {
    }

    /** A back tab's content: its buttons above its table, which takes the height. */
    static Node toolsAbove(HBox tools, TableView<?> table) {
        var box = new VBox(8, tools, table);
        VBox.setVgrow(table, Priority.ALWAYS);
        return padded(box);
    }

    /** A tab titled with how many {@code items} it lists, e.g. "Golden sets  2". */
    static Tab countedTab(String title, ObservableList<?> items) {
        var tab = new Tab();
        tab.textProperty().bind(Bindings.createStringBinding(() -> title + "  " + Formats.count(items.size()), items));
        return tab;
    }

    /** {@link #countedTab} whose content is built when it is first selected. */
    static Tab countedTab(String title, ObservableList<?> items, Supplier<Node> content) {
        var tab = countedTab(title, items);
        contentWhenSelected(tab, content);
        return tab;
    }

    /**
     * Builds a tab's content when the tab is first selected: a TabPane styles and lays out every tab's content,
     * shown or not, and the three tabs behind Documents cost the window's first frame about a tenth of a second.
     */
    static void contentWhenSelected(Tab tab, Supplier<Node> content) {
        if (tab.isSelected()) {
            tab.setContent(content.get());
            return;
        }
        var firstSelection = new ChangeListener<Boolean>() {
            @Override
            public void changed(ObservableValue<? extends Boolean> o, Boolean before, Boolean now) {
                if (now) {
                    tab.selectedProperty().removeListener(this);
                    tab.setContent(content.get());
                }
            }
        };
        tab.selectedProperty().addListener(firstSelection);
    }

    /** The table's sort order over the rows' own values; a new comparator at each call. */
    static Comparator<DocumentRow> order(TableView<DocumentRow> table,
                                         Map<TableColumn<DocumentRow, ?>, Comparator<DocumentRow>> keys) {
        Comparator<DocumentRow> order = null;
        for (var column : table.getSortOrder()) {
            Comparator<DocumentRow> key = keys.get(column);
            if (key == null) {
                return table.getComparator();
            }
            if (column.getSortType() == TableColumn.SortType.DESCENDING) {
                key = key.reversed();
            }
            order = order == null ? key : order.thenComparing(key);
        }
        return order;
    }

    static Node padded(Node node) {
        var box = new StackPane(node);
        box.setPadding(new Insets(12, 0, 0, 0));
        return box;
    }

    static Label emptyState(String text) {
        var label = new Label(text);
        label.getStyleClass().add("empty-state");
        label.setWrapText(true);
        return label;
    }
}
