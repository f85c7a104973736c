package dev.ragworkbench.ui.importing;

import dev.ragworkbench.evaluation.EvalSet;
import dev.ragworkbench.format.Formats;
import dev.ragworkbench.ui.common.Dialogs;
import dev.ragworkbench.ui.common.Tables;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;

import java.util.List;
import java.util.Locale;

/**
 * The Eval sets tab: the golden sets of the workspace (queries with judged documents or reference answers), with
 * their imports in the four formats.
 */
final class EvalSetsTab {

    private final ImportViewModel vm;
    private final FilePicker files;

    EvalSetsTab(ImportViewModel vm, FilePicker files) {
        this.vm = vm;
        this.files = files;
    }

    Tab tab() {
        return ImportTabs.countedTab("Eval sets", vm.evalSets().sets(), this::content);
    }

    private Node content() {
        var sets = new TableView<>(vm.evalSets().sets());
        sets.setId("eval-sets");
        sets.getColumns().setAll(List.of(
                Tables.longText("Name", EvalSet::name, 200),
                Tables.fitted(Tables.text("Format", g -> g.format().id().toUpperCase(Locale.ROOT), 0), "SQUAD", "RAGAS"),
                Tables.fitted(Tables.number("Queries", EvalSet::size, Formats::count, 0), "999,999"),
                Tables.fitted(Tables.number("Judged documents", EvalSet::judgedDocuments, Formats::count, 0),
                        "9,999,999"),
                Tables.fitted(Tables.number("Answer spans", EvalSet::answerSpans,
                        n -> n == 0 ? "–" : Formats.count(n), 0), "999,999")));
        sets.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        Tables.sizeLongTextToRows(sets);
        sets.setPlaceholder(ImportTabs.emptyState("No eval set yet. Import one in SQuAD, BEIR, TREC or Ragas format: queries with judged documents or"
                + " reference answers."));
        var squad = new Button("SQuAD file…");
        squad.setId("import-squad");
        squad.setTooltip(new Tooltip("Questions with answer spans in their contexts (SQuAD v1.1/v2.0, COVID-QA)"));
        squad.setOnAction(e -> files.chooseFile("Import a SQuAD-format eval set",
                new FileChooser.ExtensionFilter("SQuAD JSON", "*.json")).ifPresent(vm.evalSets()::importSquad));
        var beir = new Button("BEIR folder…");
        beir.setId("import-beir");
        beir.setTooltip(new Tooltip("A folder with queries.jsonl and qrels/<split>.tsv"));
        beir.setOnAction(e -> {
            var chooser = new DirectoryChooser();
            chooser.setTitle("Import a BEIR eval set (queries.jsonl and qrels/)");
            var d = chooser.showDialog(files.window());
            if (d != null) {
                vm.evalSets().importBeir(d.toPath());
            }
        });
        var trec = new Button("TREC topics and qrels…");
        trec.setId("import-trec");
        trec.setTooltip(new Tooltip("Topics (qid<TAB>text, or JSONL) and a qrels file (qid 0 docid grade)"));
        trec.setOnAction(e -> files.chooseFile("Import TREC topics (1 of 2): the topics file",
                new FileChooser.ExtensionFilter("Topics (TSV, JSONL, text)", "*.tsv", "*.jsonl", "*.json", "*.txt"),
                new FileChooser.ExtensionFilter("All files", "*"))
                .ifPresent(topics -> files.chooseFile("Import TREC topics (2 of 2): the qrels for " + topics.getFileName(),
                        new FileChooser.ExtensionFilter("All files", "*"))
                        .ifPresent(qrels -> vm.evalSets().importTrec(topics, qrels))));
        var ragas = new Button("Ragas file…");
        ragas.setId("import-ragas");
        ragas.setTooltip(new Tooltip("Questions with reference answers and contexts (JSONL or CSV); the documents of"
                + " the selected corpus that contain a context are the relevant ones"));
        ragas.setOnAction(e -> files.chooseFile("Import a Ragas eval set for corpus " + vm.corpusProperty().get(),
                new FileChooser.ExtensionFilter("Ragas JSONL or CSV", "*.jsonl", "*.csv"))
                .ifPresent(vm.evalSets()::importRagas));
        var importLabel = new Label("Import");
        importLabel.getStyleClass().add("text-muted");
        var remove = new Button("Remove…");
        remove.disableProperty().bind(sets.getSelectionModel().selectedItemProperty().isNull());
        remove.setOnAction(e -> {
            var set = sets.getSelectionModel().getSelectedItem();
            if (Dialogs.confirm(files.window(), "Remove eval set " + set.name() + "?",
                    "It is deleted from the workspace with all its versions; the original files stay.", "Remove")) {
                vm.evalSets().delete(set);
            }
        });
        var gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        var tools = new HBox(8, importLabel, squad, beir, trec, ragas, gap, remove);
        tools.setAlignment(Pos.CENTER_LEFT);
        return ImportTabs.toolsAbove(tools, sets);
    }
}
