package dev.ragworkbench.ui.experiments.launch;

import atlantafx.base.theme.Styles;
import dev.ragworkbench.embedding.Embedders;
import dev.ragworkbench.evaluation.Metric;
import dev.ragworkbench.experiment.spec.ExperimentSpec;
import dev.ragworkbench.experiment.spec.ExperimentSpec.Corpus;
import dev.ragworkbench.experiment.spec.ExperimentSpec.EvalSetSource;
import dev.ragworkbench.experiment.spec.ModelRunSpec.ModelRef;
import dev.ragworkbench.ui.experiments.launch.LaunchViewModel.Choice;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Objects;

/** The form of a spec: one labelled row per section of experiments/README.md, bound to {@link LaunchForm}. */
final class FormPane extends ScrollPane {

    private final LaunchViewModel vm;
    private final LaunchForm form;
    private final GridPane grid = new GridPane();
    private int row;

    FormPane(LaunchViewModel vm) {
        this.vm = vm;
        this.form = vm.form();
        grid.setHgap(12);
        grid.setVgap(10);
        grid.setPadding(new Insets(12));
        var labels = new ColumnConstraints(110);
        var fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(labels, fields);

        var name = new TextField();
        name.setId("spec-name");
        name.textProperty().bindBidirectional(form.name());
        var description = new TextField();
        description.textProperty().bindBidirectional(form.description());
        add("Name", name);
        add("Description", description);
        add("Corpus", corpusRow());
        add("Eval set", evalSetRow());
        add("Sample", sampleRow());
        var chunker = new ChunkerEditor();
        add("Chunkers", new AxisList<>("chunkers", form.chunkers(), chunker, chunker.value(), Object::toString));
        var embedder = new ComboBox<String>();
        embedder.getItems().setAll(Embedders.knownNames());
        embedder.setEditable(true);
        embedder.setPromptText("a model name or folder");
        embedder.setValue(Embedders.DEFAULT);
        add("Embedders", new AxisList<>("embedders", form.embedders(), embedder, embedder.valueProperty(),
                String::toString));
        var retriever = new RetrieverEditor();
        add("Retrievers", new AxisList<>("retrievers", form.retrievers(), retriever, retriever.value(),
                r -> r.toString()));
        add("Metrics", metricsRow());
        var top = new Spinner<Integer>(1, 1_000_000, form.top().get(), 100);
        top.setEditable(true);
        top.getValueFactory().valueProperty().addListener((o, a, b) -> form.top().set(b));
        form.top().addListener((o, a, b) -> top.getValueFactory().setValue(b.intValue()));
        add("Ranking depth", top);
        add("Models", modelsRow());
        add("Answers", answersRow());
        var tags = new TextField();
        tags.setPromptText("dataset=scifact, split=test");
        tags.textProperty().bindBidirectional(form.tagsText());
        add("Tags", tags);
        setContent(grid);
        setFitToWidth(true);
    }

    private void add(String label, Node field) {
        var text = new Label(label);
        text.getStyleClass().add(Styles.TEXT_BOLD);
        GridPane.setValignment(text, javafx.geometry.VPos.TOP);
        grid.addRow(row++, text, field);
    }

    private Node corpusRow() {
        var combo = new ComboBox<Choice<Corpus>>(vm.corpora());
        combo.setId("corpus-choice");
        combo.setPromptText("an imported corpus");
        combo.valueProperty().addListener((o, a, b) -> {
            if (b != null) {
                form.corpus().set(b.value());
            }
        });
        var file = new Button("File…");
        file.setOnAction(e -> choose(false).ifPresent(vm::useCorpusPath));
        var folder = new Button("Folder…");
        folder.setOnAction(e -> choose(true).ifPresent(vm::useCorpusPath));
        var shown = new Label();
        shown.getStyleClass().add(Styles.TEXT_MUTED);
        shown.textProperty().bind(Bindings.createStringBinding(() -> form.corpus().get() == null ? "none chosen"
                : form.corpus().get().format().id() + ": " + form.corpus().get().path(), form.corpus()));
        return new VBox(4, row(combo, file, folder), shown);
    }

    private Node evalSetRow() {
        var combo = new ComboBox<Choice<EvalSetSource>>(vm.evalSets());
        combo.setId("evalset-choice");
        combo.setPromptText("a stored eval set");
        combo.valueProperty().addListener((o, a, b) -> {
            if (b != null) {
                form.evalSet().set(b.value());
            }
        });
        var beir = new Button("BEIR files…");
        beir.setOnAction(e -> file("BEIR queries.jsonl").ifPresent(q -> file("Its qrels (.tsv)").ifPresent(r ->
                vm.useEvalSetFiles(new ExperimentSpec.Beir(null, q, r)))));
        var squad = new Button("SQuAD file…");
        squad.setOnAction(e -> file("A SQuAD JSON file").ifPresent(p -> vm.useEvalSetFiles(new ExperimentSpec.Squad(null, p))));
        var shown = new Label();
        shown.getStyleClass().add(Styles.TEXT_MUTED);
        shown.textProperty().bind(Bindings.createStringBinding(() -> {
            var s = form.evalSet().get();
            return s == null ? "none chosen" : s.format() + ": " + s.name();
        }, form.evalSet()));
        return new VBox(4, row(combo, beir, squad), shown);
    }

    private Node sampleRow() {
        var on = new CheckBox("a random sample of");
        on.selectedProperty().bindBidirectional(form.sampled());
        var n = new Spinner<Integer>(1, 1_000_000, form.sampleSize().get(), 10);
        n.setEditable(true);
        n.setPrefWidth(100);
        n.getValueFactory().valueProperty().addListener((o, a, b) -> form.sampleSize().set(b));
        form.sampleSize().addListener((o, a, b) -> n.getValueFactory().setValue(b.intValue()));
        var seed = new Spinner<Integer>(0, Integer.MAX_VALUE, form.seed().get(), 1);
        seed.setEditable(true);
        seed.setPrefWidth(100);
        seed.getValueFactory().valueProperty().addListener((o, a, b) -> form.seed().set(b));
        form.seed().addListener((o, a, b) -> seed.getValueFactory().setValue(b.intValue()));
        n.disableProperty().bind(on.selectedProperty().not());
        seed.disableProperty().bind(on.selectedProperty().not());
        return row(on, n, new Label("queries, seed"), seed);
    }

    /** The models axis: stored chat models, each answering every point's queries from its top chunks. */
    private Node modelsRow() {
        var model = new ComboBox<String>(vm.chatModels());
        model.setId("model-choice");
        model.setPromptText("a stored chat model");
        model.setMaxWidth(Double.MAX_VALUE);
        var next = Bindings.createObjectBinding(() -> model.getValue() == null ? null
                : ModelRef.stored(model.getValue()), model.valueProperty());
        var axis = new AxisList<>("models", form.models(), model, next,
                m -> m.stored() != null ? m.name() : m.name() + " (defined in the spec)");
        axis.list.setPrefHeight(60);
        var hint = new Label();
        hint.getStyleClass().add(Styles.TEXT_MUTED);
        hint.setWrapText(true);
        hint.textProperty().bind(Bindings.createStringBinding(() -> vm.chatModels().isEmpty()
                ? "No chat model stored: add one in Settings to answer the queries."
                : "Optional: each model answers every query from each point's top chunks (runs = points × models);"
                + " the eval set needs reference answers (SQuAD, Ragas).", vm.chatModels()));
        return new VBox(4, axis, hint);
    }

    /** How many chunks go into the prompt, and the judge of Ragas's four metrics, if any. */
    private Node answersRow() {
        var contextTop = new Spinner<Integer>(1, 1000, form.contextTop().get(), 1);
        contextTop.setEditable(true);
        contextTop.setPrefWidth(90);
        contextTop.getValueFactory().valueProperty().addListener((o, a, b) -> form.contextTop().set(b));
        form.contextTop().addListener((o, a, b) -> contextTop.getValueFactory().setValue(b.intValue()));
        var judge = new ComboBox<String>();
        judge.setId("judge-choice");
        String none = "no judge";
        Runnable items = () -> {
            var names = new ArrayList<String>();
            names.add(none);
            names.addAll(vm.chatModels());
            ModelRef current = form.judge().get();
            if (current != null && !names.contains(current.name())) {
                names.add(current.name()); // defined in the spec, or not stored here
            }
            judge.getItems().setAll(names);
            judge.setValue(current == null ? none : current.name());
        };
        vm.chatModels().addListener((javafx.collections.ListChangeListener<String>) c -> items.run());
        form.judge().addListener((o, a, b) -> {
            if (!Objects.equals(judge.getValue(), b == null ? none : b.name())) {
                items.run();
            }
        });
        items.run();
        judge.valueProperty().addListener((o, a, b) -> {
            ModelRef current = form.judge().get();
            if (b == null || b.equals(none)) {
                form.judge().set(null);
            } else if (current == null || !current.name().equals(b)) {
                form.judge().set(ModelRef.stored(b));
            }
        });
        var disabled = Bindings.isEmpty(form.models());
        contextTop.disableProperty().bind(disabled);
        judge.disableProperty().bind(disabled);
        return row(new Label("from the top"), contextTop, new Label("chunks, judged by"), judge);
    }

    private Node metricsRow() {
        var text = new TextField();
        text.setId("metrics");
        text.setPromptText("ndcg@10, recall@100, mrr@10, map@100, success@10");
        var error = new Label();
        error.getStyleClass().add(Styles.DANGER);
        Runnable show = () -> {
            if (!text.isFocused()) {
                text.setText(String.join(", ", form.metrics().stream().map(Metric::toString).toList()));
            }
        };
        form.metrics().addListener((javafx.collections.ListChangeListener<Metric>) c -> show.run());
        show.run();
        text.textProperty().addListener((o, a, b) -> {
            var metrics = new ArrayList<Metric>();
            try {
                Arrays.stream(b.split(",")).map(String::strip).filter(s -> !s.isEmpty()).map(Metric::parse)
                        .forEach(metrics::add);
                error.setText("");
                if (!metrics.equals(form.metrics())) {
                    form.metrics().setAll(metrics);
                }
            } catch (IllegalArgumentException e) {
                error.setText(e.getMessage());
            }
        });
        return new VBox(4, text, error);
    }

    private static HBox row(Node... nodes) {
        var box = new HBox(8, nodes);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private java.util.Optional<Path> choose(boolean folder) {
        var window = getScene() == null ? null : getScene().getWindow();
        File f = folder ? new DirectoryChooser().showDialog(window) : new FileChooser().showOpenDialog(window);
        return java.util.Optional.ofNullable(f).map(File::toPath);
    }

    private java.util.Optional<Path> file(String title) {
        var chooser = new FileChooser();
        chooser.setTitle(title);
        return java.util.Optional.ofNullable(chooser.showOpenDialog(Objects.requireNonNull(getScene()).getWindow()))
                .map(File::toPath);
    }
}
