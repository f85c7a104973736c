package dev.ragworkbench.ui.experiments.launch;

import atlantafx.base.theme.Styles;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

import java.io.File;
import java.util.List;
import java.util.function.Consumer;

/**
 * "Start an experiment": the form and its YAML tab on the left, the grid preview above them, the runs of the
 * launched grid with their progress on the right, and the spec's commands in the tool bar.
 */
public final class LaunchView extends BorderPane {

    private final LaunchViewModel vm;
    final TabPane tabs = new TabPane();
    final YamlPane yaml;
    final Button run = new Button("Run");
    final Button cancel = new Button("Cancel");

    public LaunchView(LaunchViewModel vm, Consumer<List<String>> onRunsDone) {
        this.vm = vm;
        this.yaml = new YamlPane(vm);
        getStyleClass().add("launch-view");
        getStylesheets().add(LaunchView.class.getResource("launch.css").toExternalForm());

        var open = new Button("Open spec…");
        open.setOnAction(e -> chooser("Open an experiment spec").map(c -> c.showOpenDialog(getScene().getWindow()))
                .map(File::toPath).ifPresent(vm::open));
        var save = new Button("Save spec…");
        save.setOnAction(e -> chooser("Save the experiment spec").map(c -> {
            c.setInitialFileName(vm.specFile().get().getFileName().toString());
            return c.showSaveDialog(getScene().getWindow());
        }).map(File::toPath).ifPresent(p -> vm.save(p, () -> { })));
        var copy = new Button("Copy command");
        copy.setId("copy-command");
        copy.setOnAction(e -> vm.copyCommand(line -> {
            var content = new ClipboardContent();
            content.putString(line);
            Clipboard.getSystemClipboard().setContent(content);
        }));
        run.setId("launch-run");
        run.getStyleClass().add(Styles.ACCENT);
        run.setDefaultButton(false);
        run.disableProperty().bind(Bindings.createBooleanBinding(() -> !vm.canRun(), vm.spec(), vm.problems(),
                vm.running()));
        run.setOnAction(e -> vm.run(onRunsDone));
        cancel.setId("launch-cancel");
        cancel.disableProperty().bind(vm.running().not());
        cancel.setOnAction(e -> vm.cancel());
        var file = new Label();
        file.getStyleClass().add(Styles.TEXT_MUTED);
        file.textProperty().bind(vm.specFile().asString());
        file.setMinWidth(0);
        file.setTextOverrun(javafx.scene.control.OverrunStyle.LEADING_ELLIPSIS);
        HBox.setHgrow(file, Priority.SOMETIMES);
        for (var b : List.of(open, save, copy, run, cancel)) {
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        var spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        var bar = new HBox(8, open, save, copy, file, spacer, run, cancel);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(0, 0, 8, 0));
        setTop(bar);

        var preview = new Label();
        preview.setId("grid-preview");
        preview.setWrapText(true);
        preview.getStyleClass().add(Styles.TEXT_BOLD);
        preview.textProperty().bind(vm.preview());
        var readOnly = new Label("The form shows the edited YAML, read-only: that text is what runs.");
        var back = new Button("Back to the form");
        back.setId("back-to-form");
        back.getStyleClass().add(Styles.SMALL);
        back.setOnAction(e -> vm.backToForm());
        var banner = new HBox(8, readOnly, back);
        banner.setAlignment(Pos.CENTER_LEFT);
        banner.getStyleClass().add("launch-banner");
        banner.visibleProperty().bind(vm.yamlMode());
        banner.managedProperty().bind(vm.yamlMode());
        var form = new FormPane(vm);
        form.disableProperty().bind(vm.yamlMode().or(vm.running()));
        VBox.setVgrow(form, Priority.ALWAYS);
        var formTab = new Tab("Form", new VBox(8, banner, form));
        var yamlTab = new Tab("YAML", yaml);
        yamlTab.setId("yaml-tab");
        yamlTab.textProperty().bind(Bindings.createStringBinding(() -> vm.problems().isEmpty() ? "YAML"
                : "YAML (" + vm.problems().size() + ")", vm.problems()));
        tabs.getTabs().addAll(formTab, yamlTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        VBox.setVgrow(tabs, Priority.ALWAYS);
        var left = new VBox(8, preview, tabs);

        var split = new SplitPane(left, progressPane());
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.6);
        setCenter(split);
        var status = new Label();
        status.setId("launch-status");
        status.textProperty().bind(vm.status());
        status.setWrapText(true);
        status.setPadding(new Insets(6, 0, 0, 0));
        setBottom(status);
    }

    private VBox progressPane() {
        var p = vm.progress();
        var phase = new Label();
        phase.setId("launch-phase");
        phase.textProperty().bind(p.phase());
        phase.setWrapText(true);
        var bars = new GridPane();
        bars.setHgap(8);
        bars.setVgap(6);
        bars.addRow(0, new Label("Indexes"), bar(p.indexProgress()));
        bars.addRow(1, new Label("This run"), bar(p.runProgress()));
        bars.addRow(2, new Label("Grid"), bar(p.gridProgress()));
        var table = new TableView<>(p.rows());
        table.setId("launch-runs");
        TableColumn<LaunchProgress.RunRow, String> name = new TableColumn<>("Run");
        name.setCellValueFactory(c -> new javafx.beans.property.SimpleStringProperty(c.getValue().name()));
        name.setPrefWidth(220);
        TableColumn<LaunchProgress.RunRow, String> status = new TableColumn<>("Status");
        status.setCellValueFactory(c -> c.getValue().status());
        status.setPrefWidth(150);
        TableColumn<LaunchProgress.RunRow, Number> done = new TableColumn<>("Progress");
        done.setCellValueFactory(c -> c.getValue().progress());
        done.setCellFactory(c -> new TableCell<>() {
            private final ProgressBar bar = new ProgressBar();

            @Override
            protected void updateItem(Number item, boolean empty) {
                super.updateItem(item, empty);
                bar.setProgress(item == null ? 0 : item.doubleValue());
                bar.setMaxWidth(Double.MAX_VALUE);
                setGraphic(empty ? null : bar);
            }
        });
        done.setPrefWidth(110);
        table.getColumns().addAll(List.of(name, status, done));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("Runs of the grid appear here when it starts."));
        VBox.setVgrow(table, Priority.ALWAYS);
        var title = new Label("Runs");
        title.getStyleClass().add(Styles.TITLE_4);
        var box = new VBox(8, title, phase, bars, table);
        box.setPadding(new Insets(0, 0, 0, 12));
        return box;
    }

    private static ProgressBar bar(javafx.beans.property.DoubleProperty value) {
        var bar = new ProgressBar();
        bar.progressProperty().bind(value);
        bar.setPrefWidth(260);
        return bar;
    }

    private static java.util.Optional<FileChooser> chooser(String title) {
        var chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Experiment specs", "*.yaml", "*.yml"));
        var experiments = new File("experiments");
        if (experiments.isDirectory()) {
            chooser.setInitialDirectory(experiments.getAbsoluteFile());
        }
        return java.util.Optional.of(chooser);
    }

    public LaunchViewModel viewModel() {
        return vm;
    }
}
