package dev.ragworkbench.ui.retrieval.judging;

import dev.ragworkbench.app.Workbench;
import dev.ragworkbench.evaluation.EvalSetExport;
import dev.ragworkbench.evaluation.EvalSetReader;
import dev.ragworkbench.judging.Judgments;
import dev.ragworkbench.judging.PoolColumn;
import dev.ragworkbench.judging.PoolItem;
import dev.ragworkbench.retrieval.RetrieverSpec;
import dev.ragworkbench.ui.tasks.SameThreadTaskRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The judging ViewModels with the same-thread runner, on a real workspace (H2, Lucene, SciFact abstracts). */
class PoolViewModelTest {

    @TempDir
    static Path dir;
    static Workbench bench;

    @BeforeAll
    static void build() throws Exception {
        bench = JudgingFixture.workspace(dir);
    }

    @AfterAll
    static void close() {
        bench.close();
    }

    @Test
    void aNewSetIsPooledGradedSkippedGoneBackToExportedAndResumed() throws Exception {
        var runner = new SameThreadTaskRunner();
        var vm = new PoolViewModel(bench, runner);
        vm.refresh();
        assertThat(vm.evalSets()).contains("mine");
        String index = vm.indexes().getLast().name();
        assertThat(vm.columns()).containsExactly(new PoolColumn(RetrieverSpec.parse("bm25"), index));
        vm.columns().add(new PoolColumn(RetrieverSpec.parse("bm25:k1=0.4,b=0.1"), index));

        vm.newSetProperty().set(true);
        vm.newSetNameProperty().set("fresh");
        vm.pastedQueriesProperty().set("stem cells in bone marrow\nwhite matter of the newborn brain\n");
        vm.kProperty().set(5);
        vm.start();
        assertThat(runner.errors()).isEmpty();
        assertThat(vm.judgingProperty().get()).isTrue();
        assertThat(vm.sessionSet()).isEqualTo("fresh");
        assertThat(vm.evalSetProperty().get()).isEqualTo("fresh");
        assertThat(bench.evalSets().summary("fresh").corpus()).isEqualTo("sci");
        PoolItem first = vm.currentProperty().get();
        assertThat(first.queryText()).isEqualTo("stem cells in bone marrow");
        assertThat(vm.progressProperty().get()).matches("query 1 of 2, 0 of \\d+ hits judged \\(0 of \\d+ in all\\)");
        int versions = bench.evalSets().versions("fresh").size();

        vm.grade(2);
        PoolItem second = vm.currentProperty().get();
        assertThat(second).isNotEqualTo(first);
        vm.grade(0);
        PoolItem third = vm.currentProperty().get();
        vm.skip();
        assertThat(vm.currentProperty().get()).isNotEqualTo(third);
        vm.back();
        vm.back();
        assertThat(vm.currentProperty().get()).isEqualTo(second);
        assertThat(vm.currentGradeProperty().get()).isZero();
        assertThat(vm.progressProperty().get()).startsWith("query 1 of 2, 2 of ");
        assertThat(bench.evalSets().versions("fresh")).hasSize(versions + 2);
        assertThat(bench.evalSets().get("fresh").qrels().judgments("q1"))
                .containsEntry(first.documentId(), 2).containsEntry(second.documentId(), 0);
        assertThat(vm.statusProperty().get()).contains("fresh version " + (versions + 2));

        Path out = dir.resolve("export");
        vm.export(EvalSetExport.Format.BEIR, out);
        assertThat(runner.errors()).isEmpty();
        assertThat(EvalSetReader.beirDirectory(out, "test").qrels().judgmentCount()).isEqualTo(2);

        // a new view resumes the pool from the store: same pool, the two grades counted
        var again = new PoolViewModel(bench, runner);
        again.refresh();
        again.evalSetProperty().set("fresh");
        assertThat(again.canResumeProperty().get()).isTrue();
        again.resume();
        assertThat(again.progressProperty().get()).startsWith("query 1 of 2, 2 of ");
        assertThat(again.currentProperty().get()).isEqualTo(third);

        again.addQueries("tumour growth and immunity\nstem cells in bone marrow\n");
        assertThat(bench.evalSets().get("fresh").queries()).hasSize(3);
        assertThat(again.statusProperty().get()).isEqualTo("1 query added to fresh");
    }

    @Test
    void theGradingModelAddsATypedQueryWithItsFirstGradeAndShowsGradesPerDocument() {
        var runner = new SameThreadTaskRunner();
        var judgments = new Judgments(bench.evalSets());
        bench.evalSets().save(bench.evalSets().get("mine").withName("typed"), "sci", null, "copy");
        var model = new GradingModel(judgments, runner);
        model.evalSetProperty().set("typed");
        model.showQueryText("Vitamin D deficiency and bone fractures");
        assertThat(model.queryIdProperty().get()).isEqualTo("q2");
        model.showQueryText("tumour growth and immunity");
        assertThat(model.queryIdProperty().get()).isEqualTo("q3");
        assertThat(bench.evalSets().get("typed").queries()).hasSize(2); // not added until graded

        model.grade("4983", 2);
        model.grade("5836", 1);
        assertThat(runner.errors()).isEmpty();
        assertThat(model.grades()).containsEntry("4983", 2).containsEntry("5836", 1);
        var set = bench.evalSets().get("typed");
        assertThat(set.queries()).containsEntry("q3", "tumour growth and immunity");
        assertThat(set.qrels().judgments("q3")).containsEntry("4983", 2).containsEntry("5836", 1);
        assertThat(model.versionProperty().get()).isEqualTo(3);

        // another query shows its own grades; back to q3, the store's
        model.showQuery("q1", set.queries().get("q1"));
        assertThat(model.grades()).isEmpty();
        model.showQuery("q3", "tumour growth and immunity");
        assertThat(model.grades()).containsOnlyKeys("4983", "5836");
        model.grade("4983", 0);
        assertThat(bench.evalSets().get("typed").qrels().judgments("q3")).containsEntry("4983", 0);
    }
}
