package dev.ragworkbench.ui.settings;

import atlantafx.base.theme.Styles;
import dev.ragworkbench.generation.ChatModelSettings;
import dev.ragworkbench.generation.ChatProvider;
import dev.ragworkbench.ui.settings.ModelForm.KeySource;
import dev.ragworkbench.ui.settings.SettingsViewModel.TestState;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;

/** The Settings pane: the workspace's chat models on the left, the add/edit form and its connection test on the right. */
public final class SettingsView extends BorderPane {

    private final SettingsViewModel vm;

    public SettingsView(SettingsViewModel vm) {
        this.vm = vm;
        setPadding(new Insets(16));
        var title = new Label("Chat models");
        title.getStyleClass().add(Styles.TITLE_3);
        var keys = new Label();
        keys.getStyleClass().add(Styles.TEXT_MUTED);
        keys.textProperty().bind(Bindings.concat("Keys stored from here go to ", vm.keysFileProperty(),
                " (readable by you only), never to the workspace."));
        var header = new VBox(4, title, keys);
        header.setPadding(new Insets(0, 0, 12, 0));
        setTop(header);
        setLeft(list());
        var form = new ScrollPane(form());
        form.setFitToWidth(true);
        form.getStyleClass().add(atlantafx.base.theme.Tweaks.EDGE_TO_EDGE);
        setCenter(form);
    }

    private VBox list() {
        ListView<ChatModelSettings> list = new ListView<>(vm.models());
        list.setId("model-list");
        list.setPrefWidth(260);
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(ChatModelSettings m, boolean empty) {
                super.updateItem(m, empty);
                if (empty || m == null) {
                    setText(null);
                    return;
                }
                setText(m.name() + "\n" + m.provider().id() + " · "
                        + (m.predictionsFile() != null ? m.predictionsFile().getFileName() : m.modelId()));
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null && now != vm.selectedProperty().get()) {
                vm.select(now);
            }
        });
        vm.selectedProperty().addListener((o, was, now) -> {
            if (now == null) {
                list.getSelectionModel().clearSelection();
            } else if (list.getSelectionModel().getSelectedItem() != now) {
                list.getSelectionModel().select(now);
            }
        });
        var add = new Button("New model");
        add.setId("new-model");
        add.setOnAction(e -> vm.newModel());
        var remove = new Button("Remove");
        remove.setId("remove-model");
        remove.getStyleClass().add(Styles.DANGER);
        remove.disableProperty().bind(vm.selectedProperty().isNull());
        remove.setOnAction(e -> vm.remove());
        var buttons = new HBox(8, add, remove);
        VBox.setVgrow(list, Priority.ALWAYS);
        var box = new VBox(8, list, buttons);
        box.setPadding(new Insets(0, 16, 0, 0));
        return box;
    }

    private VBox form() {
        var f = vm.form();
        var grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(8);
        var labels = new ColumnConstraints();
        labels.setMinWidth(130);
        var fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(labels, fields);

        var provider = new ComboBox<ChatProvider>();
        provider.getItems().setAll(ChatProvider.values());
        provider.setId("provider");
        provider.valueProperty().bindBidirectional(f.providerProperty());
        provider.setConverter(new StringConverter<>() {
            @Override
            public String toString(ChatProvider p) {
                return p == null ? "" : switch (p) {
                    case OPENAI -> "OpenAI-compatible (vLLM, llama.cpp, LM Studio, TGI, hosted)";
                    case OLLAMA -> "Ollama";
                    case PREDICTIONS -> "Predictions file (JSONL of id and output)";
                };
            }

            @Override
            public ChatProvider fromString(String s) {
                return null;
            }
        });
        var predictions = f.providerProperty().isEqualTo(ChatProvider.PREDICTIONS);

        var browse = new Button("Choose…");
        browse.setOnAction(e -> {
            var chooser = new FileChooser();
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("JSON lines", "*.jsonl", "*.json"));
            var file = chooser.showOpenDialog(getScene().getWindow());
            if (file != null) {
                f.fileProperty().set(file.getAbsolutePath());
            }
        });
        var fileField = field("file", f.fileProperty(), "/path/to/predictions.jsonl");
        HBox.setHgrow(fileField, Priority.ALWAYS);
        var fileRow = new HBox(8, fileField, browse);

        int row = 0;
        grid.addRow(row++, new Label("Name"), field("name", f.nameProperty(), "e.g. mistral-base"));
        grid.addRow(row++, new Label("Provider"), provider);
        var urlLabel = new Label("Base URL");
        var url = field("base-url", f.baseUrlProperty(), "http://localhost:11434 or http://localhost:8000/v1");
        grid.addRow(row++, urlLabel, url);
        var idLabel = new Label("Model id");
        var id = field("model-id", f.modelIdProperty(), "e.g. mistral:7b");
        grid.addRow(row++, idLabel, id);
        var fileLabel = new Label("Predictions file");
        grid.addRow(row++, fileLabel, fileRow);
        for (var node : new javafx.scene.Node[] {urlLabel, url, idLabel, id}) {
            node.visibleProperty().bind(predictions.not());
            node.managedProperty().bind(predictions.not());
        }
        fileLabel.visibleProperty().bind(predictions);
        fileLabel.managedProperty().bind(predictions);
        fileRow.visibleProperty().bind(predictions);
        fileRow.managedProperty().bind(predictions);
        grid.addRow(row++, new Label("Temperature"), field("temperature", f.temperatureProperty(), "provider default"));
        grid.addRow(row++, new Label("Max tokens"), field("max-tokens", f.maxTokensProperty(), "provider default"));
        grid.addRow(row++, new Label("Timeout (s)"), field("timeout", f.timeoutProperty(), "60"));
        grid.addRow(row++, new Label("Concurrency"), field("concurrency", f.concurrencyProperty(), "4"));
        grid.addRow(row++, new Label("API key"), keyChoice(f));
        grid.addRow(row++, new Label("Price per 1k"), new HBox(8, field("price-in", f.priceInProperty(), "input"),
                field("price-out", f.priceOutProperty(), "output")));

        var message = new Label();
        message.setId("form-message");
        message.setWrapText(true);
        message.textProperty().bind(vm.messageProperty());
        vm.messageProperty().addListener((o, was, now) -> {
            boolean error = vm.messageIsErrorProperty().get();
            message.pseudoClassStateChanged(Styles.STATE_DANGER, error);
            message.pseudoClassStateChanged(Styles.STATE_SUCCESS, !error);
        });

        var save = new Button("Save");
        save.setId("save-model");
        save.getStyleClass().add(Styles.ACCENT);
        save.setDefaultButton(true);
        save.setOnAction(e -> vm.save());
        var test = new Button("Test connection");
        test.setId("test-connection");
        test.setOnAction(e -> vm.testConnection());
        var cancel = new Button("Cancel test");
        cancel.setId("cancel-test");
        cancel.disableProperty().bind(vm.testStateProperty().isNotEqualTo(TestState.RUNNING));
        cancel.setOnAction(e -> vm.cancelTest());
        var actions = new HBox(8, save, test, cancel);

        var answer = new TextArea();
        answer.setId("test-answer");
        answer.setEditable(false);
        answer.setWrapText(true);
        answer.setPrefRowCount(4);
        answer.textProperty().bind(vm.testAnswerProperty());
        answer.setPromptText("The model's answer to a short prompt appears here as it streams in.");
        var result = new Label();
        result.setId("test-result");
        result.setWrapText(true);
        result.textProperty().bind(vm.testResultProperty());
        vm.testStateProperty().addListener((o, was, now) -> {
            result.pseudoClassStateChanged(Styles.STATE_DANGER, now == TestState.FAILED);
            result.pseudoClassStateChanged(Styles.STATE_SUCCESS, now == TestState.ANSWERED);
        });
        var testTitle = new Label("Connection test");
        testTitle.getStyleClass().add(Styles.TITLE_4);

        var box = new VBox(12, grid, message, actions, testTitle, answer, result);
        box.setPadding(new Insets(0, 8, 8, 0));
        box.setMaxWidth(760);
        return box;
    }

    private VBox keyChoice(ModelForm f) {
        var group = new ToggleGroup();
        var none = new RadioButton("None (local servers)");
        var env = new RadioButton("Environment variable");
        var file = new RadioButton("Store in my keys file");
        none.setUserData(KeySource.NONE);
        env.setUserData(KeySource.ENVIRONMENT);
        file.setUserData(KeySource.KEYS_FILE);
        env.setId("key-env");
        file.setId("key-file");
        for (var r : new RadioButton[] {none, env, file}) {
            r.setToggleGroup(group);
        }
        Runnable fromForm = () -> group.getToggles().stream()
                .filter(t -> t.getUserData() == f.keySourceProperty().get()).findFirst().ifPresent(group::selectToggle);
        fromForm.run();
        f.keySourceProperty().addListener((o, was, now) -> fromForm.run());
        group.selectedToggleProperty().addListener((o, was, now) -> {
            if (now != null) {
                f.keySourceProperty().set((KeySource) now.getUserData());
            }
        });
        var envName = field("api-key-env", f.apiKeyEnvProperty(), "e.g. OPENAI_API_KEY");
        envName.disableProperty().bind(f.keySourceProperty().isNotEqualTo(KeySource.ENVIRONMENT));
        var key = new PasswordField();
        key.setId("api-key");
        key.textProperty().bindBidirectional(f.newKeyProperty());
        key.promptTextProperty().bind(Bindings.when(f.storedKeyProperty().isEmpty()).then("paste the key")
                .otherwise("type a new key to replace it"));
        key.disableProperty().bind(f.keySourceProperty().isNotEqualTo(KeySource.KEYS_FILE));
        var stored = new Label();
        stored.getStyleClass().add(Styles.TEXT_MUTED);
        stored.textProperty().bind(Bindings.when(f.storedKeyProperty().isEmpty()).then("")
                .otherwise(Bindings.concat("stored ", f.storedKeyProperty())));
        HBox.setHgrow(envName, Priority.ALWAYS);
        HBox.setHgrow(key, Priority.ALWAYS);
        return new VBox(6, none, new HBox(8, env, envName), new HBox(8, file, key, stored));
    }

    private static TextField field(String id, javafx.beans.property.StringProperty property, String prompt) {
        var field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        field.textProperty().bindBidirectional(property);
        return field;
    }
}
