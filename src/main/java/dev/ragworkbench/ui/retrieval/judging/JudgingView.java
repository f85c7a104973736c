package dev.ragworkbench.ui.retrieval.judging;

import atlantafx.base.theme.Styles;
import dev.ragworkbench.evaluation.EvalSetExport;
import dev.ragworkbench.judging.PoolColumn;
import dev.ragworkbench.ui.common.Debouncer;
import dev.ragworkbench.judging.PoolItem;
import dev.ragworkbench.retrieval.RetrieverSpec;
import dev.ragworkbench.ui.tasks.TaskRunner;
import dev.ragworkbench.ui.workspace.WorkspaceSession;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;

import java.util.List;
import java.util.OptionalInt;

/**
 * The Retrieval pane's Judging tab: blind pooled judging into an eval set. On the left what to pool (eval set or a
 * new one, queries, retrievers, k); on the right one pooled document at a time, its query and its text only, graded
 * with 0/1/2 (buttons or keys), skipped (S, →) or gone back to (B, ←), with the progress line. The one entry node
 * the page shows; the one-query view hands its columns over with {@link #setColumns}.
 */
public final class JudgingView extends SplitPane {

    private final PoolViewModel vm;

    public JudgingView(WorkspaceSession session, TaskRunner runner) {
        this(new PoolViewModel(session.workbench(), runner, Debouncer.fx(PoolViewModel.SAVE_AFTER_MS)));
    }

    JudgingView(PoolViewModel vm) {
        this.vm = vm;
        setId("judging");
        var setup = new ScrollPane(setup());
        setup.setFitToWidth(true);
        setup.setMinWidth(320);
        getItems().setAll(setup, judging());
        setDividerPositions(0.34);
        vm.refresh();
    }

    public PoolViewModel viewModel() {
        return vm;
    }

    /** The columns to pool, e.g. the one-query view's retrievers over their indexes. */
    public void setColumns(List<PoolColumn> columns) {
        vm.setColumns(columns);
    }

    /** Writes the grades given so far (the page is left). */
    public void save() {
        vm.save();
    }

    /** Cancels a pool still being built and writes the grades given so far (the page is disposed). */
    public void dispose() {
        vm.dispose();
    }

    // --- the set up ------------------------------------------------------------------------------------------

    private VBox setup() {
        var title = new Label("Blind pooled judging");
        title.getStyleClass().add(Styles.TITLE_4);
        var intro = muted("The union of every retriever's top k, shuffled, shown without the retriever's name or"
                + " rank, as TREC builds its qrels. Each grade is written as a new version of the eval set.");

        var sets = new ComboBox<>(vm.evalSets());
        sets.setId("judging-eval-set");
        sets.valueProperty().bindBidirectional(vm.evalSetProperty());
        sets.setMaxWidth(Double.MAX_VALUE);
        sets.disableProperty().bind(vm.newSetProperty());
        var create = new CheckBox("New eval set");
        create.setId("judging-new-set");
        create.selectedProperty().bindBidirectional(vm.newSetProperty());
        var name = new TextField();
        name.setId("judging-new-name");
        name.setPromptText("name of the new eval set");
        name.textProperty().bindBidirectional(vm.newSetNameProperty());
        name.visibleProperty().bind(vm.newSetProperty());
        name.managedProperty().bind(name.visibleProperty());

        var queries = new TextArea();
        queries.setId("judging-queries");
        queries.setPromptText("Queries to pool, one per line (or id<TAB>text). Leave empty to pool the set's own.");
        queries.setPrefRowCount(5);
        queries.setWrapText(true);
        queries.textProperty().bindBidirectional(vm.pastedQueriesProperty());
        var sample = new Spinner<Integer>(0, 100_000, 0, 10);
        sample.setEditable(true);
        sample.setId("judging-sample");
        sample.getValueFactory().valueProperty().addListener((o, a, b) -> vm.sampleProperty().set(b == null ? 0 : b));
        sample.setTooltip(new Tooltip("How many of the set's queries to pool, drawn with the seed; 0 for all"));

        var columns = new ListView<>(vm.columns());
        columns.setId("judging-columns");
        columns.setPrefHeight(110);
        columns.setPlaceholder(muted("No retriever yet: add one below."));
        columns.setCellFactory(list -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(PoolColumn column, boolean empty) {
                super.updateItem(column, empty);
                setText(empty || column == null ? null : column.retriever() + "  ·  " + column.index());
            }
        });
        var index = new ComboBox<String>();
        index.setId("judging-index");
        index.setPromptText("index");
        index.setMaxWidth(Double.MAX_VALUE);
        vm.indexes().addListener((javafx.collections.ListChangeListener<dev.ragworkbench.index.IndexInfo>) c -> {
            index.getItems().setAll(vm.indexes().stream().map(i -> i.name()).toList());
            if (index.getValue() == null && !index.getItems().isEmpty()) {
                index.setValue(index.getItems().getLast());
            }
        });
        var retriever = new ComboBox<String>();
        retriever.setId("judging-retriever");
        retriever.setEditable(true);
        retriever.getItems().setAll("bm25", "dense", "hybrid-rrf", "hybrid-weighted");
        retriever.setValue("bm25");
        retriever.setMaxWidth(Double.MAX_VALUE);
        var add = new Button("Add");
        add.setId("judging-add-column");
        var columnError = muted("");
        add.setOnAction(e -> {
            try {
                vm.columns().add(new PoolColumn(RetrieverSpec.parse(retriever.getEditor().getText()),
                        index.getValue()));
                columnError.setText("");
            } catch (RuntimeException ex) {
                columnError.setText(ex.getMessage());
            }
        });
        add.disableProperty().bind(index.valueProperty().isNull());
        var remove = new Button("Remove");
        remove.getStyleClass().add(Styles.FLAT);
        remove.disableProperty().bind(columns.getSelectionModel().selectedItemProperty().isNull());
        remove.setOnAction(e -> vm.columns().remove(columns.getSelectionModel().getSelectedItem()));
        HBox.setHgrow(retriever, Priority.ALWAYS);
        var columnRow = new HBox(6, retriever, add, remove);

        var k = new Spinner<Integer>(1, 1000, vm.kProperty().get());
        k.setId("judging-k");
        k.setEditable(true);
        k.getValueFactory().valueProperty().addListener((o, a, b) -> vm.kProperty().set(b == null ? 10 : b));
        var seed = new Spinner<Integer>(0, Integer.MAX_VALUE, vm.seedProperty().get());
        seed.setEditable(true);
        seed.getValueFactory().valueProperty().addListener((o, a, b) -> vm.seedProperty().set(b == null ? 0 : b));

        var grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        int row = 0;
        grid.addRow(row++, label("Eval set"), sets);
        grid.addRow(row++, new Region(), create);
        grid.addRow(row++, new Region(), name);
        grid.addRow(row++, label("Sample of the set"), sample);
        grid.addRow(row++, label("Top k per retriever"), k);
        grid.addRow(row++, label("Shuffle seed"), seed);
        GridPane.setHgrow(sets, Priority.ALWAYS);

        var start = new Button("Start pooled judging");
        start.setId("judging-start");
        start.getStyleClass().add(Styles.ACCENT);
        start.setDefaultButton(false);
        start.setOnAction(e -> vm.start());
        start.disableProperty().bind(vm.busyProperty());
        var resume = new Button("Resume");
        resume.setId("judging-resume");
        resume.setTooltip(new Tooltip("Open the pool last started on this eval set, at its first ungraded document"));
        resume.disableProperty().bind(vm.busyProperty().or(vm.canResumeProperty().not()).or(vm.newSetProperty()));
        resume.setOnAction(e -> vm.resume());

        var addQueries = new Button("Add queries…");
        addQueries.setId("judging-add-queries");
        addQueries.disableProperty().bind(vm.evalSetProperty().isNull().or(vm.newSetProperty()));
        addQueries.setOnAction(e -> AddQueriesDialog.ask(getScene().getWindow(), vm.evalSetProperty().get())
                .ifPresent(vm::addQueries));
        var beir = exportButton("Export BEIR…", EvalSetExport.Format.BEIR);
        var trec = exportButton("Export TREC…", EvalSetExport.Format.TREC);

        var box = new VBox(10, title, intro, grid, label("Queries"), queries, label("Retrievers (columns)"), columns,
                index, columnRow, columnError, new HBox(8, start, resume), new Separator(),
                new HBox(8, addQueries, beir, trec));
        box.setPadding(new Insets(16));
        return box;
    }

    private Button exportButton(String text, EvalSetExport.Format format) {
        var b = new Button(text);
        b.setId("judging-export-" + format.name().toLowerCase(java.util.Locale.ROOT));
        b.getStyleClass().add(Styles.BUTTON_OUTLINED);
        b.disableProperty().bind(vm.evalSetProperty().isNull().and(vm.judgingProperty().not()));
        b.setOnAction(e -> {
            var chooser = new DirectoryChooser();
            chooser.setTitle("Export the eval set as " + format.name());
            var dir = chooser.showDialog(getScene().getWindow());
            if (dir != null) {
                vm.export(format, dir.toPath());
            }
        });
        return b;
    }

    // --- one document at a time ------------------------------------------------------------------------------

    private BorderPane judging() {
        var progress = new Label();
        progress.setId("judging-progress");
        progress.textProperty().bind(vm.progressProperty());
        progress.getStyleClass().add(Styles.TEXT_BOLD);
        var bar = new javafx.scene.control.ProgressBar();
        bar.setId("judging-progress-bar");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(vm.fractionProperty());
        bar.visibleProperty().bind(vm.judgingProperty());
        var status = muted("");
        status.setId("judging-status");
        status.textProperty().bind(vm.statusProperty());

        var queryCaption = muted("Query");
        var query = new Label();
        query.setId("judging-query");
        query.setWrapText(true);
        query.getStyleClass().add(Styles.TITLE_3);
        var title = new Label();
        title.setId("judging-title");
        title.setWrapText(true);
        title.getStyleClass().add(Styles.TITLE_4);
        var text = new TextArea();
        text.setId("judging-text");
        text.setEditable(false);
        text.setWrapText(true);
        text.setFocusTraversable(false);
        VBox.setVgrow(text, Priority.ALWAYS);

        var grades = new GradeBar(vm::gradeDocument);
        var skip = new Button("Skip (S)");
        skip.setId("judging-skip");
        skip.setFocusTraversable(false);
        skip.setOnAction(e -> vm.skip());
        var back = new Button("Back (B)");
        back.setId("judging-back");
        back.setFocusTraversable(false);
        back.setOnAction(e -> vm.back());
        var spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        var actions = new HBox(8, grades, spacer, back, skip);
        actions.setAlignment(Pos.CENTER_LEFT);

        var empty = muted("Choose what to pool on the left and start: the pooled documents are shown here one at a"
                + " time, with keys 0, 1, 2 to grade, S to skip and B to go back.");
        empty.setId("judging-empty");
        var card = new VBox(10, queryCaption, query, new Separator(), title, text, actions);
        card.visibleProperty().bind(vm.currentProperty().isNotNull());
        card.managedProperty().bind(card.visibleProperty());
        empty.visibleProperty().bind(vm.currentProperty().isNull());
        empty.managedProperty().bind(empty.visibleProperty());

        vm.currentProperty().addListener((o, was, item) -> {
            query.setText(item == null ? "" : item.queryText());
            title.setText(item == null ? "" : item.title());
            text.setText(item == null ? "" : item.text());
            text.positionCaret(0);
            grades.documentIdProperty().set(item == null ? null : item.documentId());
        });
        vm.currentGradeProperty().addListener((o, was, g) -> grades.show(g == null ? OptionalInt.empty()
                : OptionalInt.of(g)));

        var pane = new BorderPane();
        pane.setId("judging-card");
        var top = new VBox(6, progress, bar, status);
        top.setPadding(new Insets(0, 0, 12, 0));
        pane.setTop(top);
        pane.setCenter(new VBox(card, empty));
        pane.setPadding(new Insets(16));
        pane.setFocusTraversable(true);
        GradeBar.installKeys(pane, vm::grade);
        pane.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.S || e.getCode() == KeyCode.RIGHT) {
                vm.skip();
                e.consume();
            } else if (e.getCode() == KeyCode.B || e.getCode() == KeyCode.LEFT) {
                vm.back();
                e.consume();
            }
        });
        pane.setOnMouseClicked(e -> pane.requestFocus());
        vm.judgingProperty().addListener((o, was, now) -> {
            if (now) {
                pane.requestFocus();
            }
        });
        return pane;
    }

    private static Label label(String text) {
        var l = new Label(text);
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    private static Label muted(String text) {
        var l = new Label(text);
        l.setWrapText(true);
        l.getStyleClass().add(Styles.TEXT_MUTED);
        return l;
    }
}
