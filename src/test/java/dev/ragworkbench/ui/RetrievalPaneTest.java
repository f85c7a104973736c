package dev.ragworkbench.ui;

import dev.ragworkbench.retrieval.compare.ColumnHit;
import dev.ragworkbench.ui.retrieval.RetrievalPage;
import dev.ragworkbench.ui.retrieval.RetrievalViewModel;
import dev.ragworkbench.ui.shell.AppConfig;
import dev.ragworkbench.ui.shell.AppShell;
import dev.ragworkbench.ui.shell.Section;
import dev.ragworkbench.ui.shell.UiSettings;
import javafx.css.PseudoClass;
import javafx.scene.control.Button;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Retrieval pane in the real window under Xvfb, on a SciFact subset indexed with MiniLM: typing a query fills
 * three columns, a hit selected in one is marked in the others, an eval-set run fills the per-query table and
 * opens a query, and a run cancelled at once leaves no result.
 */
@ExtendWith(ApplicationExtension.class)
class RetrievalPaneTest {

    static final PseudoClass SHARED = PseudoClass.getPseudoClass("shared");
    static final PseudoClass RELEVANT = PseudoClass.getPseudoClass("relevant");

    @TempDir
    static Path tmp;
    static Path template;

    private AppShell shell;
    private Preferences prefs;
    private Stage stage;

    @BeforeAll
    static void workspace() {
        template = RetrievalFixture.workspace(tmp.resolve("template"));
    }

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        prefs = Preferences.userRoot().node("dev/ragworkbench/test/" + UUID.randomUUID());
        Path ws = tmp.resolve("ws-" + UUID.randomUUID());
        copy(template, ws);
        shell = new AppShell(stage, new AppConfig(ws, new UiSettings(prefs), false, false));
        shell.start();
        stage.setWidth(1500);
        stage.setHeight(950);
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupStages();
        WaitForAsyncUtils.asyncFx(() -> shell.close()).get(20, TimeUnit.SECONDS);
        prefs.removeNode();
    }

    @Test
    void threeColumnsFillTheSharedHitIsMarkedAndAnEvalSetRuns(FxRobot robot) throws Exception {
        robot.interact(() -> shell.select(Section.RETRIEVAL));
        waitFor(60, () -> vm() != null && vm().columns().size() == 3);
        robot.clickOn("#query").write("vitamin D deficiency and bone density");
        waitFor(120, () -> vm().columns().stream().allMatch(c -> c.resultProperty().get() != null
                && c.resultProperty().get().query().equals("vitamin D deficiency and bone density")));
        for (int i = 0; i < 3; i++) {
            assertThat(hits(robot, i).getItems()).hasSize(10);
        }

        // a document both BM25 and dense found: select it in the first column, see it marked in the second
        var first = hits(robot, 0).getItems();
        var second = hits(robot, 1).getItems();
        Set<String> inFirst = new HashSet<>(first.stream().map(ColumnHit::docId).toList());
        ColumnHit shared = second.stream().filter(h -> inFirst.contains(h.docId())).findFirst().orElseThrow();
        int rank0 = first.stream().filter(h -> h.docId().equals(shared.docId())).findFirst().orElseThrow().rank();
        robot.interact(() -> {
            hits(robot, 0).scrollTo(rank0 - 1);
            hits(robot, 1).scrollTo(shared.rank() - 1);
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(cell(robot, 0, shared.docId()));
        waitFor(30, () -> vm().detailsProperty().get() != null);
        assertThat(vm().selectedDocProperty().get()).isEqualTo(shared.docId());
        assertThat(cell(robot, 1, shared.docId()).getPseudoClassStates()).contains(SHARED);
        assertThat(cell(robot, 0, shared.docId()).getPseudoClassStates()).contains(SHARED);
        var other = second.stream().filter(h -> !h.docId().equals(shared.docId())).findFirst().orElseThrow();
        assertThat(robot.lookup("#hits-1 .hit-cell").queryAllAs(ListCell.class).stream()
                .filter(c -> other.equals(c.getItem())).allMatch(c -> !c.getPseudoClassStates().contains(SHARED)))
                .isTrue();
        assertThat(robot.lookup("#bm25-explanation").tryQuery()).isPresent();
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        screenshot("retrieval-three-columns");

        // the eval set through the three columns
        // the tab by its view (a text lookup may find the hidden tab's labels instead)
        robot.interact(() -> shell.page(Section.RETRIEVAL, RetrievalPage.class).view().showEvalSet());
        robot.clickOn("#eval-run");
        waitForResult();
        TableView<?> table = robot.lookup("#per-query").queryAs(TableView.class);
        assertThat(table.getItems()).hasSize(30);
        assertThat(vm().eval().summary()).hasSize(3);
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        screenshot("retrieval-eval-set");

        // a query of the table opens in the one-query view with its relevant documents marked
        var row = robot.lookup("#per-query .table-row-cell").queryAllAs(TableRow.class).stream()
                .filter(r -> !r.isEmpty()).findFirst().orElseThrow();
        robot.doubleClickOn(row);
        waitFor(60, () -> !vm().relevantDocs().isEmpty() && vm().columns().stream()
                .allMatch(c -> c.resultProperty().get() != null
                        && c.resultProperty().get().query().equals(vm().queryProperty().get())));
        assertThat(vm().columns().getFirst().queryMetricsProperty().get()).contains("ndcg@10");
        boolean marked = vm().columns().stream().flatMap(c -> c.resultProperty().get().hits().stream())
                .anyMatch(h -> vm().relevantDocs().contains(h.docId()));
        if (marked) {
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(robot.lookup(".hit-cell").queryAllAs(ListCell.class).stream()
                    .anyMatch(c -> c.getPseudoClassStates().contains(RELEVANT))).isTrue();
        }
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        screenshot("retrieval-opened-query");

        gradingAHitRescoresTheHeader(robot);
    }

    /**
     * In the opened query, the first column's best unjudged document is graded 2 with the key: a new version of the
     * eval set holds the grade, and the column's header shows the nDCG@10 computed by hand from the new grades.
     */
    private void gradingAHitRescoresTheHeader(FxRobot robot) throws Exception {
        var store = shell.session().workbench().evalSets();
        String text = vm().queryProperty().get();
        var before = store.get(RetrievalFixture.EVAL_SET);
        String queryId = before.queries().entrySet().stream().filter(e -> e.getValue().equals(text))
                .map(java.util.Map.Entry::getKey).findFirst().orElseThrow();
        var judged = new java.util.HashMap<>(before.qrels().judgments(queryId));
        var column = vm().columns().getFirst();
        waitFor(60, () -> column.queryMetricsProperty().get().startsWith("ndcg@10 "));
        List<String> ranked = column.resultProperty().get().hits().stream().map(ColumnHit::docId).distinct()
                .limit(10).toList();
        assertThat(ndcg10(column.queryMetricsProperty().get())).as("the header before grading")
                .isCloseTo(ndcg(ranked, judged), org.assertj.core.data.Offset.offset(0.0001));
        String graded = ranked.stream().filter(d -> !judged.containsKey(d)).findFirst()
                .orElseThrow(() -> new AssertionError("no unjudged document in the first column's top 10"));
        int versions = store.versions(RetrievalFixture.EVAL_SET).size();

        robot.interact(() -> hits(robot, 0).scrollTo(ranked.indexOf(graded)));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(cell(robot, 0, graded));
        waitFor(30, () -> graded.equals(vm().selectedDocProperty().get()));
        robot.type(KeyCode.DIGIT2);

        judged.put(graded, 2);
        double expected = ndcg(ranked, judged);
        waitFor(60, () -> Math.abs(ndcg10(column.queryMetricsProperty().get()) - expected) < 0.0001);
        assertThat(store.versions(RetrievalFixture.EVAL_SET)).hasSize(versions + 1);
        assertThat(store.get(RetrievalFixture.EVAL_SET).qrels().judgments(queryId)).containsEntry(graded, 2);
        assertThat(vm().relevantDocs()).contains(graded);
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        screenshot("retrieval-graded-hit");
    }

    /** nDCG@10 as trec_eval defines it: gain = grade, discount log2(rank + 1), ideal from all the query's grades. */
    private static double ndcg(List<String> ranked, java.util.Map<String, Integer> grades) {
        double dcg = 0;
        for (int i = 0; i < Math.min(10, ranked.size()); i++) {
            dcg += grades.getOrDefault(ranked.get(i), 0) / (Math.log(i + 2) / Math.log(2));
        }
        var ideal = grades.values().stream().filter(g -> g > 0).sorted(java.util.Comparator.reverseOrder()).toList();
        double idcg = 0;
        for (int i = 0; i < Math.min(10, ideal.size()); i++) {
            idcg += ideal.get(i) / (Math.log(i + 2) / Math.log(2));
        }
        return idcg == 0 ? 0 : dcg / idcg;
    }

    /** The nDCG@10 of a header such as {@code ndcg@10 0.6309 · recall@100 1.0000 · judged 2/10}; NaN without one. */
    private static double ndcg10(String header) {
        var m = java.util.regex.Pattern.compile("ndcg@10 ([0-9.]+)").matcher(header);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    /**
     * The reranker from form controls: "embedder" picked in column B's list reranks it with the proposed bundled
     * embedder (its rerank latency shown apart); a folder that is no cross-encoder, given to column C, is refused
     * with the core's message under its controls.
     */
    @Test
    void theRerankerIsChosenWithFormControls(FxRobot robot) throws Exception {
        robot.interact(() -> shell.select(Section.RETRIEVAL));
        waitFor(60, () -> vm() != null && vm().columns().size() == 3);
        robot.clickOn("#query").write("vitamin D deficiency and bone density");
        robot.clickOn("#rerank-kind-1");
        robot.clickOn(robot.lookup(".combo-box-popup .list-cell").queryAllAs(ListCell.class).stream()
                .filter(c -> "embedder".equals(c.getText())).findFirst().orElseThrow());
        var column = vm().columns().get(1);
        waitFor(120, () -> column.resultProperty().get() != null
                && column.resultProperty().get().timings().ran(dev.ragworkbench.retrieval.SearchStage.RERANK));
        assertThat(column.specText()).isEqualTo("dense:exact=false+rerank:embedder=bge-small-en-v1.5-q,depth=50");
        assertThat(robot.lookup("#rerank-embedder-1").queryAs(javafx.scene.control.ComboBox.class).getValue())
                .isEqualTo("bge-small-en-v1.5-q");
        assertThat(robot.lookup("#latency-1").queryAs(javafx.scene.control.Label.class).getText()).contains("rerank");

        Path notAModel = Files.createDirectories(tmp.resolve("not-a-model-" + UUID.randomUUID()));
        var third = vm().columns().get(2).rerankForm();
        robot.interact(() -> third.kindProperty().set(dev.ragworkbench.ui.retrieval.RerankForm.Kind.CROSS_ENCODER));
        assertThat(robot.lookup("#rerank-message-2").queryAs(javafx.scene.control.Label.class).getText())
                .contains("choose a cross-encoder folder");
        robot.interact(() -> third.chooseModel(notAModel));
        waitFor(60, () -> third.messageProperty().get().startsWith("refused"));
        assertThat(robot.lookup("#rerank-message-2").queryAs(javafx.scene.control.Label.class).getText())
                .contains("has no model.onnx");
        assertThat(vm().columns().get(2).specText()).isEqualTo("hybrid-rrf:k=60,depth=100");
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        screenshot("retrieval-reranker");

        // the Judging tab pools the columns as the form has them: the reranked B, then a setting and the order
        var page = shell.page(Section.RETRIEVAL, RetrievalPage.class);
        assertThat(poolSpecs(page)).containsExactly(specs("bm25:k1=0.9,b=0.4",
                "dense:exact=false+rerank:embedder=bge-small-en-v1.5-q,depth=50", "hybrid-rrf:k=60,depth=100"));
        robot.interact(() -> {
            vm().columns().getFirst().k1Property().set(1.5);
            vm().columns().get(2).moveLeft();
        });
        assertThat(poolSpecs(page)).containsExactly(specs("bm25:k1=1.5,b=0.4", "hybrid-rrf:k=60,depth=100",
                "dense:exact=false+rerank:embedder=bge-small-en-v1.5-q,depth=50"));
    }

    private static List<String> poolSpecs(RetrievalPage page) {
        return page.judging().viewModel().columns().stream().map(c -> c.retriever().toString()).toList();
    }

    private static String[] specs(String... texts) {
        return java.util.Arrays.stream(texts).map(t -> dev.ragworkbench.retrieval.RetrieverSpec.parse(t).toString())
                .toArray(String[]::new);
    }

    @Test
    void aCancelledEvalSetRunLeavesNoHalfResult(FxRobot robot) throws Exception {
        robot.interact(() -> shell.select(Section.RETRIEVAL));
        waitFor(60, () -> vm() != null && vm().columns().size() == 3);
        // the tab by its view (a text lookup may find the hidden tab's labels instead)
        robot.interact(() -> shell.page(Section.RETRIEVAL, RetrievalPage.class).view().showEvalSet());
        robot.clickOn("#eval-run");
        waitForResult();
        assertThat(robot.lookup("#per-query").queryAs(TableView.class).getItems()).hasSize(30);
        Button run = robot.lookup("#eval-run").queryAs(Button.class);
        Button cancel = robot.lookup("#eval-cancel").queryAs(Button.class);
        // run again and cancel in the same turn of the FX thread: the work has surely not finished
        robot.interact(() -> {
            run.fire();
            assertThat(cancel.isDisabled()).isFalse();
            cancel.fire();
        });
        assertThat(vm().eval().resultProperty().get()).isNull();
        waitFor(120, () -> shell.runner().running().isEmpty());
        WaitForAsyncUtils.sleep(500, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm().eval().resultProperty().get()).isNull();
        assertThat(robot.lookup("#per-query").queryAs(TableView.class).getItems()).isEmpty();
        assertThat(vm().eval().summary()).isEmpty();
        assertThat(vm().eval().statusProperty().get()).contains("Cancelled");
        assertThat(run.isDisabled()).isFalse();
        screenshot("retrieval-eval-cancelled");
    }

    private void waitForResult() throws Exception {
        try {
            waitFor(240, () -> vm().eval().resultProperty().get() != null);
        } catch (java.util.concurrent.TimeoutException e) {
            screenshot("retrieval-eval-timeout");
            throw new AssertionError("no eval-set result; the pane says: " + vm().eval().statusProperty().get(), e);
        }
    }

    private RetrievalViewModel vm() {
        var page = shell.page(Section.RETRIEVAL, RetrievalPage.class);
        return page == null ? null : page.viewModel();
    }

    @SuppressWarnings("unchecked")
    private static ListView<ColumnHit> hits(FxRobot robot, int column) {
        return robot.lookup("#hits-" + column).queryAs(ListView.class);
    }

    private static ListCell<?> cell(FxRobot robot, int column, String docId) {
        return robot.lookup("#hits-" + column + " .hit-cell").queryAllAs(ListCell.class).stream()
                .filter(c -> c.getItem() instanceof ColumnHit h && h.docId().equals(docId) && c.isVisible())
                .findFirst().orElseThrow(() -> new AssertionError("no visible cell of " + docId + " in column " + column));
    }

    private static void waitFor(int seconds, Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void screenshot(String name) throws Exception {
        WritableImage image = WaitForAsyncUtils.asyncFx(() -> stage.getScene().snapshot(null)).get(20, TimeUnit.SECONDS);
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        var out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        var reader = image.getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.setRGB(x, y, reader.getArgb(x, y));
            }
        }
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        ImageIO.write(out, "png", dir.resolve(name + ".png").toFile());
    }

    private static void copy(Path from, Path to) throws Exception {
        try (var walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
    }
}
