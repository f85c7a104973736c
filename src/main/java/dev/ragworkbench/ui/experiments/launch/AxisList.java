package dev.ragworkbench.ui.experiments.launch;

import atlantafx.base.theme.Styles;
import javafx.beans.value.ObservableValue;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.function.Function;

/** A grid axis the user adds to: its items, an editor for the next one, Add and Remove. */
final class AxisList<T> extends VBox {

    final ListView<T> list;

    AxisList(String id, ObservableList<T> items, Node editor, ObservableValue<T> next, Function<T, String> label) {
        super(6);
        setId(id);
        list = new ListView<>(items);
        list.setPrefHeight(84);
        list.setCellFactory(v -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : label.apply(item));
            }
        });
        list.getStyleClass().add(Styles.DENSE);
        var add = new Button("Add");
        add.setId(id + "-add");
        add.getStyleClass().add(Styles.SMALL);
        add.setOnAction(e -> {
            T value = next.getValue();
            if (value != null && !items.contains(value)) {
                items.add(value);
            }
        });
        var remove = new Button("Remove");
        remove.getStyleClass().add(Styles.SMALL);
        remove.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull());
        remove.setOnAction(e -> items.remove(list.getSelectionModel().getSelectedItem()));
        add.setMinWidth(Region.USE_PREF_SIZE);
        remove.setMinWidth(Region.USE_PREF_SIZE);
        var buttons = new HBox(6, add, remove);
        buttons.setMinWidth(Region.USE_PREF_SIZE);
        buttons.setAlignment(Pos.CENTER_LEFT);
        var row = new HBox(8, editor, buttons);
        HBox.setHgrow(editor, Priority.ALWAYS);
        getChildren().addAll(list, row);
    }
}
