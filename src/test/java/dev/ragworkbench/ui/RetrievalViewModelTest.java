package dev.ragworkbench.ui;

import dev.ragworkbench.evaluation.Metric;
import dev.ragworkbench.retrieval.RetrieverKind;
import dev.ragworkbench.retrieval.compare.ColumnHit;
import dev.ragworkbench.retrieval.compare.ComparisonRuns;
import dev.ragworkbench.ui.common.Debouncer;
import dev.ragworkbench.ui.retrieval.ColumnViewModel;
import dev.ragworkbench.ui.retrieval.RerankForm;
import dev.ragworkbench.ui.retrieval.RetrievalViewModel;
import dev.ragworkbench.ui.shell.QueryRequest;
import dev.ragworkbench.ui.tasks.SameThreadTaskRunner;
import dev.ragworkbench.ui.workspace.WorkspaceSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Retrieval pane's ViewModels with the same-thread runner, on a real SciFact subset indexed with MiniLM. */
class RetrievalViewModelTest {

    @TempDir
    Path tmp;
    WorkspaceSession session;
    SameThreadTaskRunner runner = new SameThreadTaskRunner();
    RetrievalViewModel vm;

    @BeforeEach
    void open() {
        session = WorkspaceSession.open(RetrievalFixture.workspace(tmp.resolve("ws")));
        vm = new RetrievalViewModel(session, runner, Debouncer.immediate(), Runnable::run);
    }

    @AfterEach
    void close() {
        vm.dispose();
        session.close();
    }

    @Test
    void aQueryFillsBm25DenseAndHybridWithMovementAgainstTheFirst() {
        assertThat(vm.columns()).extracting(c -> c.kindProperty().get())
                .containsExactly(RetrieverKind.BM25, RetrieverKind.DENSE, RetrieverKind.HYBRID_RRF);
        vm.queryProperty().set("vitamin D deficiency and bone density");
        assertThat(runner.errors()).isEmpty();
        for (ColumnViewModel c : vm.columns()) {
            assertThat(c.resultProperty().get()).isNotNull();
            assertThat(c.resultProperty().get().hits()).hasSize(10);
        }
        var first = vm.columns().get(0).resultProperty().get();
        assertThat(first.terms()).contains("vitamin", "bone");
        assertThat(first.hits().getFirst().highlights()).isNotEmpty();
        assertThat(first.timings().totalNanos()).isPositive();
        var dense = vm.columns().get(1).resultProperty().get();
        assertThat(dense.timings().ran(dev.ragworkbench.retrieval.SearchStage.EMBED)).isTrue();
        var firstDocs = first.hits().stream().map(ColumnHit::docId).toList();
        for (ColumnHit h : dense.hits()) {
            assertThat(h.firstRank()).isEqualTo(firstDocs.contains(h.docId()) ? firstDocs.indexOf(h.docId()) + 1 : null);
        }

        // selecting a hit marks its document everywhere and explains it
        ColumnHit hit = first.hits().getFirst();
        vm.select(vm.columns().get(0), hit);
        assertThat(vm.selectedDocProperty().get()).isEqualTo(hit.docId());
        var d = vm.detailsProperty().get();
        assertThat(d.chunk().documentId()).isEqualTo(hit.docId());
        assertThat(d.documentText()).contains(d.chunk().text());
        assertThat(d.bm25().score()).isCloseTo(hit.score(), org.assertj.core.api.Assertions.within(1e-4));
        assertThat(d.cosine()).isPresent();
        assertThat(vm.selectedHitProperty().get().query()).isEqualTo("vitamin D deficiency and bone density");
    }

    @Test
    void columnsAreEditedReorderedAndRememberedPerWorkspace() {
        var second = vm.columns().get(1);
        second.kindProperty().set(RetrieverKind.HYBRID_WEIGHTED);
        second.alphaProperty().set(0.3);
        vm.addColumn();
        assertThat(vm.columns()).hasSize(4);
        vm.addColumn();
        assertThat(vm.columns()).hasSize(4);
        vm.columns().get(2).moveLeft();
        assertThat(vm.columns().get(2)).isSameAs(second);
        vm.columns().getFirst().k1Property().set(1.2);
        assertThat(vm.specText()).startsWith("retrieval: [ \"bm25:k1=1.2,b=0.4\", \"hybrid-rrf:k=60,depth=100\", "
                + "\"hybrid-weighted:alpha=0.3,depth=100\"");

        var again = new RetrievalViewModel(session, runner, Debouncer.immediate(), Runnable::run);
        assertThat(again.columns()).extracting(ColumnViewModel::specText)
                .containsExactlyElementsOf(vm.columns().stream().map(ColumnViewModel::specText).toList());
        again.dispose();
    }

    /**
     * The reranker as form controls: an embedder from the workspace's list, then the depth; a folder that is no
     * cross-encoder is refused with the core's message and changes nothing; a real (tiny) cross-encoder folder is
     * taken. Each state is the {@code +rerank:} string of the command line, searched, and remembered.
     */
    @Test
    void theRerankerIsChosenInTheFormAndIsTheSpecsRerankPart() throws Exception {
        var column = vm.columns().get(1);
        var form = column.rerankForm();
        assertThat(form.kindProperty().get()).isEqualTo(RerankForm.Kind.NONE);
        assertThat(vm.embedders()).contains("bge-small-en-v1.5-q", "all-minilm-l6-v2");

        form.kindProperty().set(RerankForm.Kind.EMBEDDER);
        assertThat(form.embedderProperty().get()).isEqualTo("bge-small-en-v1.5-q");
        assertThat(form.depthProperty().get()).isEqualTo(50);
        assertThat(column.specText()).isEqualTo("dense:exact=false+rerank:embedder=bge-small-en-v1.5-q,depth=50");
        form.depthProperty().set(20);
        assertThat(column.specText()).isEqualTo("dense:exact=false+rerank:embedder=bge-small-en-v1.5-q,depth=20");
        assertThat(dev.ragworkbench.retrieval.RetrieverSpec.parse(column.specText()).toString())
                .isEqualTo(column.specText());
        vm.queryProperty().set("vitamin D deficiency and bone density");
        assertThat(runner.errors()).isEmpty();
        var reranked = column.resultProperty().get();
        assertThat(reranked.timings().ran(dev.ragworkbench.retrieval.SearchStage.RERANK)).isTrue();
        assertThat(reranked.column().retriever().reranker().embedder()).isEqualTo("bge-small-en-v1.5-q");

        // a folder without the model's files: refused, in the core's words, and the column keeps its reranker
        Path notAModel = java.nio.file.Files.createDirectories(tmp.resolve("not-a-model"));
        form.chooseModel(notAModel);
        assertThat(form.messageProperty().get()).contains("has no model.onnx")
                .contains("expected a cross-encoder: a folder holding model.onnx");
        assertThat(form.kindProperty().get()).isEqualTo(RerankForm.Kind.EMBEDDER);
        assertThat(column.rerankProperty().get()).isEqualTo("embedder=bge-small-en-v1.5-q,depth=20");

        Path ce = dev.ragworkbench.embedding.TestCrossEncoders.miniLmShaped(tmp.resolve("ce"));
        form.chooseModel(ce);
        assertThat(form.messageProperty().get()).isEmpty();
        assertThat(form.kindProperty().get()).isEqualTo(RerankForm.Kind.CROSS_ENCODER);
        assertThat(column.specText()).isEqualTo("dense:exact=false+rerank:model=" + ce.toAbsolutePath().normalize()
                                                + ",depth=20");
        assertThat(vm.specText()).contains("\"dense:exact=false+rerank:model=" + ce.toAbsolutePath().normalize());
        vm.search();
        assertThat(column.resultProperty().get().column().retriever().reranker().isCrossEncoder()).isTrue();
        assertThat(column.resultProperty().get().timings().ran(dev.ragworkbench.retrieval.SearchStage.RERANK))
                .isTrue();

        // remembered: a pane opened again shows the same controls
        var again = new RetrievalViewModel(session, runner, Debouncer.immediate(), Runnable::run);
        var form2 = again.columns().get(1).rerankForm();
        assertThat(form2.kindProperty().get()).isEqualTo(RerankForm.Kind.CROSS_ENCODER);
        assertThat(form2.modelProperty().get()).isEqualTo(ce.toAbsolutePath().normalize().toString());
        assertThat(form2.depthProperty().get()).isEqualTo(20);
        again.dispose();

        form.kindProperty().set(RerankForm.Kind.NONE);
        assertThat(column.specText()).isEqualTo("dense:exact=false");
    }

    @Test
    void anInvalidColumnSaysWhyAndTheOthersStillSearch() {
        vm.columns().get(1).rerankProperty().set("nonsense");
        vm.queryProperty().set("aspirin");
        assertThat(vm.columns().get(1).errorProperty().get()).isNotEmpty();
        assertThat(vm.columns().get(1).resultProperty().get()).isNull();
        assertThat(vm.columns().get(0).resultProperty().get().hits()).isNotEmpty();
    }

    @Test
    void anEvalSetRunComparesTheColumnsAndOpensAQuery() {
        var eval = vm.eval();
        assertThat(eval.sets()).extracting(s -> s.name()).contains(RetrievalFixture.EVAL_SET);
        eval.setProperty().set(eval.sets().stream().filter(s -> s.name().equals(RetrievalFixture.EVAL_SET))
                .findFirst().orElseThrow());
        eval.metricsProperty().set("ndcg@10,recall@100");
        eval.run();
        assertThat(runner.errors()).isEmpty();
        var result = eval.resultProperty().get();
        assertThat(result).isNotNull();
        assertThat(result.columns()).hasSize(3);
        assertThat(result.queryIds()).hasSize(30);
        assertThat(eval.rows()).hasSize(30);
        assertThat(eval.summary()).hasSize(3);
        assertThat(result.columns().get(1).vsFirst()).containsKeys("ndcg@10", "recall@100", "success@10");
        assertThat(result.columns().getFirst().coverage().overall()).isBetween(0.0, 1.0);
        // sorted by the difference, largest wins first
        var diffs = eval.rows().stream().map(r -> r.difference()).toList();
        assertThat(diffs).isSortedAccordingTo((x, y) -> Double.compare(y, x));
        assertThat(eval.metricProperty().get()).isEqualTo(Metric.parse("ndcg@10"));

        var row = eval.rows().getFirst();
        eval.openQuery(row);
        assertThat(vm.queryProperty().get()).isEqualTo(row.text());
        var relevant = new HashSet<>(session.workbench().evalSets().get(RetrievalFixture.EVAL_SET).qrels()
                .judgments(row.queryId()).keySet());
        assertThat(vm.relevantDocs()).isNotEmpty();
        assertThat(relevant).containsAll(vm.relevantDocs());
        assertThat(vm.columns().getFirst().queryMetricsProperty().get()).startsWith("ndcg@10 ").contains("judged");
        vm.queryProperty().set("something else");
        assertThat(vm.relevantDocs()).isEmpty();

        eval.save();
        var saved = session.workbench().runs().runs(dev.ragworkbench.experiment.store.RunQuery.all());
        assertThat(saved).hasSize(3);
        assertThat(saved).allSatisfy(r -> assertThat(r.tags()).containsKey(ComparisonRuns.COMPARISON_TAG));
        assertThat(saved.stream().map(r -> r.tags().get(ComparisonRuns.COMPARISON_TAG)).distinct()).hasSize(1);
    }

    @Test
    void aCancelledRunLeavesNoResult() {
        var eval = vm.eval();
        eval.run();
        assertThat(eval.resultProperty().get()).isNotNull();
        eval.cancel();
        assertThat(eval.resultProperty().get()).isNull();
        assertThat(eval.rows()).isEmpty();
        assertThat(eval.summary()).isEmpty();
        assertThat(eval.runningProperty().get()).isFalse();
    }

    @Test
    void aQueryRequestFromAnotherPaneReplacesTheQuery() {
        vm.open(new QueryRequest(null, "vitamin D and bone density", "bm25:k1=1.5,b=0.6"));
        assertThat(vm.queryProperty().get()).isEqualTo("vitamin D and bone density");
        assertThat(vm.columns().getFirst().specText()).isEqualTo("bm25:k1=1.5,b=0.6");
        assertThat(vm.columns().getFirst().resultProperty().get().hits()).isNotEmpty();
        assertThat(List.copyOf(runner.errors())).isEmpty();
    }
}
