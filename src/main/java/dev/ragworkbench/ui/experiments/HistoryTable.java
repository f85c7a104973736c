package dev.ragworkbench.ui.experiments;

import atlantafx.base.theme.Styles;
import dev.ragworkbench.experiment.store.Run;
import dev.ragworkbench.experiment.store.RunField;
import dev.ragworkbench.experiment.store.RunSort;
import dev.ragworkbench.format.Formats;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.css.PseudoClass;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The history's table: fixed columns (experiment, run, status, start, duration, tags), then the chosen params and
 * metrics, a metric cell with its delta to the experiment's baseline. Sorting is the store's: a click on a header
 * asks the ViewModel for the page in that order instead of sorting the rows at hand.
 */
final class HistoryTable extends TableView<HistoryRow> {

    private static final PseudoClass GROUP = PseudoClass.getPseudoClass("group");
    private static final PseudoClass BASELINE = PseudoClass.getPseudoClass("baseline");
    /**
     * The narrow columns' width. Not 80: a column left at TableColumn's default width of 80 is sized to its first
     * 30 rows' content by the header when it enters the scene, a cell made and styled per row and column, which
     * was a quarter of the history's first opening.
     */
    private static final double NARROW = 88;

    private final HistoryViewModel vm;
    /** The fixed columns, made once. */
    private final List<TableColumn<HistoryRow, ?>> fixed;
    /**
     * Each param and metric column made so far, by field: a rebuild reuses them (and the fixed ones), so the table
     * keeps their headers instead of making and styling new ones; the first page's column choice rebuilds the
     * columns of a table that is being shown for the first time.
     */
    private final Map<RunField, TableColumn<HistoryRow, ?>> made = new HashMap<>();
    /** While the columns are rebuilt, the sort order changes without the user asking for another page. */
    private boolean rebuilding;

    HistoryTable(HistoryViewModel vm) {
        super(vm.rows());
        this.vm = vm;
        setId("history-table");
        getStyleClass().addAll(Styles.DENSE, Styles.STRIPED);
        getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        setPlaceholder(new Label("No runs yet: start an experiment, or run 'rag-workbench run SPEC.yaml'."));
        setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(HistoryRow item, boolean empty) {
                super.updateItem(item, empty);
                pseudoClassStateChanged(GROUP, !empty && item != null && item.isGroup());
                pseudoClassStateChanged(BASELINE, !empty && item != null && item.baseline());
            }
        });
        setSortPolicy(table -> {
            if (rebuilding) {
                return true;
            }
            var keys = new ArrayList<RunSort>();
            for (TableColumn<HistoryRow, ?> c : getSortOrder()) {
                if (c.getUserData() instanceof RunField f) {
                    keys.add(new RunSort(f, c.getSortType() == TableColumn.SortType.DESCENDING));
                }
            }
            vm.sortBy(keys);
            return true;
        });
        fixed = fixedColumns();
        vm.columnsProperty().addListener((o, a, b) -> rebuild());
        rebuild();
    }

    /** The runs selected (group headers left out). */
    List<Run> selectedRuns() {
        return getSelectionModel().getSelectedItems().stream().filter(r -> r != null && !r.isGroup())
                .map(HistoryRow::run).toList();
    }

    private void rebuild() {
        var sortedBy = getSortOrder().stream().map(TableColumn::getUserData).toList();
        var sortTypes = getSortOrder().stream().map(TableColumn::getSortType).toList();
        var cols = new ArrayList<TableColumn<HistoryRow, ?>>(fixed);
        for (String p : vm.columnsProperty().get().params()) {
            cols.add(made.computeIfAbsent(RunField.param(p), k -> {
                var c = column(p, RunField.param(p), r -> r.params().getOrDefault(p, Formats.MISSING), 100);
                c.setId("param:" + p);
                return c;
            }));
        }
        for (String m : vm.columnsProperty().get().metrics()) {
            cols.add(made.computeIfAbsent(RunField.metric(m), k -> metricColumn(m)));
        }
        if (cols.equals(getColumns())) {
            return;
        }
        rebuilding = true;
        try {
            rebuildColumns(cols, sortedBy, sortTypes);
        } finally {
            rebuilding = false;
        }
    }

    private List<TableColumn<HistoryRow, ?>> fixedColumns() {
        var tags = text("Tags", null, r -> r.tags().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" ")), 140);
        tags.setSortable(false);
        return List.of(experimentColumn(), nameColumn(),
                text("Status", RunField.Attribute.STATUS, r -> r.status().id(), NARROW),
                text("Start", RunField.Attribute.STARTED_AT, r -> Formats.instant(r.startedAt()), 140),
                numeric(text("Duration", RunField.Attribute.DURATION_MS, r -> Formats.duration(r.duration()), NARROW)),
                tags);
    }

    private void rebuildColumns(List<TableColumn<HistoryRow, ?>> cols, List<Object> sortedBy,
                                List<TableColumn.SortType> sortTypes) {
        getColumns().setAll(cols);
        // keep the order the page was read in marked on the headers that still exist
        getSortOrder().clear();
        for (int i = 0; i < sortedBy.size(); i++) {
            for (var c : cols) {
                if (c.getUserData() != null && c.getUserData().equals(sortedBy.get(i))) {
                    c.setSortType(sortTypes.get(i));
                    getSortOrder().add(c);
                }
            }
        }
    }

    private TableColumn<HistoryRow, String> experimentColumn() {
        var col = new TableColumn<HistoryRow, String>("Experiment");
        col.setUserData(RunField.attribute(RunField.Attribute.EXPERIMENT));
        col.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().isGroup()
                ? c.getValue().group() + (c.getValue().groupSize() >= 0
                ? "  ·  " + Formats.counted(c.getValue().groupSize(), "run") : "")
                : c.getValue().run().experiment() == null ? Formats.MISSING : c.getValue().run().experiment()));
        col.setPrefWidth(150);
        return col;
    }

    private TableColumn<HistoryRow, String> nameColumn() {
        var col = column("Run", RunField.attribute(RunField.Attribute.NAME), Run::name, 220);
        col.setCellFactory(c -> new TableCell<>() {
            private final Label badge = new Label("baseline");

            {
                badge.getStyleClass().addAll(Styles.ACCENT, Styles.TEXT_SMALL, Styles.TEXT_BOLD);
                setContentDisplay(ContentDisplay.RIGHT);
                setGraphicTextGap(8);
            }

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                var row = getTableRow() == null ? null : getTableRow().getItem();
                setGraphic(!empty && row != null && row.baseline() ? badge : null);
            }
        });
        return col;
    }

    private TableColumn<HistoryRow, Double> metricColumn(String metric) {
        var col = new TableColumn<HistoryRow, Double>(metric);
        col.setId("metric:" + metric);
        col.setUserData(RunField.metric(metric));
        col.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().isGroup() ? null
                : c.getValue().run().metrics().get(metric)));
        col.setCellFactory(c -> new TableCell<>() {
            private final Label delta = new Label();

            {
                delta.getStyleClass().add(Styles.TEXT_SMALL);
                setContentDisplay(ContentDisplay.RIGHT);
                setGraphicTextGap(6);
            }

            @Override
            protected void updateItem(Double item, boolean empty) {
                super.updateItem(item, empty);
                var row = getTableRow() == null ? null : getTableRow().getItem();
                if (empty || row == null || row.isGroup()) {
                    setText(null);
                    setGraphic(null);
                    return;
                }
                setText(Formats.metric(item));
                Double d = row.deltas().get(metric);
                if (d == null) {
                    setGraphic(null);
                    return;
                }
                delta.setText(Formats.delta(d));
                delta.getStyleClass().removeAll(Styles.SUCCESS, Styles.DANGER, Styles.TEXT_MUTED);
                delta.getStyleClass().add(Math.abs(d) < 5e-5 ? Styles.TEXT_MUTED : d > 0 ? Styles.SUCCESS : Styles.DANGER);
                setGraphic(delta);
            }
        });
        col.getStyleClass().add("numeric");
        col.setPrefWidth(130);
        return col;
    }

    private TableColumn<HistoryRow, String> text(String title, RunField.Attribute attribute, Function<Run, String> value,
                                                 double width) {
        return column(title, attribute == null ? null : RunField.attribute(attribute), value, width);
    }

    private static TableColumn<HistoryRow, String> column(String title, RunField field, Function<Run, String> value,
                                                          double width) {
        var col = new TableColumn<HistoryRow, String>(title);
        col.setUserData(field);
        col.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().isGroup() ? null
                : value.apply(c.getValue().run())));
        col.setPrefWidth(width);
        return col;
    }

    private static <T> TableColumn<HistoryRow, T> numeric(TableColumn<HistoryRow, T> col) {
        col.getStyleClass().add("numeric");
        return col;
    }
}
