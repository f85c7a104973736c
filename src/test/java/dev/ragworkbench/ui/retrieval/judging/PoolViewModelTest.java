package dev.ragworkbench.ui.retrieval.judging;

import dev.ragworkbench.app.Workbench;
import dev.ragworkbench.evaluation.EvalSetExport;
import dev.ragworkbench.evaluation.EvalSetReader;
import dev.ragworkbench.judging.Judgments;
import dev.ragworkbench.judging.PoolColumn;
import dev.ragworkbench.judging.PoolItem;
import dev.ragworkbench.judging.PoolSession;
import dev.ragworkbench.retrieval.RetrieverSpec;
import dev.ragworkbench.ui.tasks.SameThreadTaskRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;

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
        var later = new ArrayList<Runnable>();
        var vm = new PoolViewModel(bench, runner, later::add);
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
        // the two grades of one query wait for their batch: a pause (the timer asked for), then one version
        assertThat(bench.evalSets().versions("fresh")).hasSize(versions);
        assertThat(later).isNotEmpty();
        later.getLast().run();
        assertThat(bench.evalSets().versions("fresh")).hasSize(versions + 1);
        assertThat(bench.evalSets().get("fresh").qrels().judgments("q1"))
                .containsEntry(first.documentId(), 2).containsEntry(second.documentId(), 0);
        assertThat(vm.statusProperty().get()).contains("fresh version " + (versions + 1));

        Path out = dir.resolve("export");
        vm.export(EvalSetExport.Format.BEIR, out);
        assertThat(runner.errors()).isEmpty();
        assertThat(EvalSetReader.beirDirectory(out, "test").qrels().judgmentCount()).isEqualTo(2);

        // a new view resumes the pool from the store: same pool, the two grades counted
        var again = new PoolViewModel(bench, runner, later::add);
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

    /**
     * Fifty grades of a pool over six queries make a handful of versions, not fifty: one when the judge moves on to
     * the next query, one every {@value PoolSession#SAVE_EVERY} grades within a query, and the last ones when the
     * view is left. Every grade is in the set.
     */
    @Test
    void fiftyGradesAreWrittenInAHandfulOfVersionsAndNoneIsLost() {
        var runner = new SameThreadTaskRunner();
        var later = new ArrayList<Runnable>(); // the quiet-spell timer, never fired here
        var vm = new PoolViewModel(bench, runner, later::add);
        vm.refresh();
        String index = vm.indexes().getLast().name();
        vm.columns().add(new PoolColumn(RetrieverSpec.parse("bm25:k1=0.4,b=0.1"), index));
        vm.newSetProperty().set(true);
        vm.newSetNameProperty().set("fifty");
        vm.pastedQueriesProperty().set("""
                stem cells in bone marrow
                white matter of the newborn brain
                vitamin D and fractures
                tumour growth and immunity
                antibiotic resistance in hospitals
                blood pressure and salt
                """);
        vm.kProperty().set(20);
        vm.start();
        assertThat(runner.errors()).isEmpty();
        int versions = bench.evalSets().versions("fifty").size();
        var given = new java.util.LinkedHashMap<String, Integer>();
        var queries = new java.util.LinkedHashSet<String>();
        for (int i = 0; i < 50; i++) {
            PoolItem item = vm.currentProperty().get();
            assertThat(item).as("grade %d", i).isNotNull();
            given.put(item.queryId() + "\t" + item.documentId(), i % 3);
            queries.add(item.queryId());
            vm.grade(i % 3);
        }
        int written = bench.evalSets().versions("fifty").size() - versions;
        assertThat(written).as("versions while grading").isBetween(1, queries.size() + 50 / PoolSession.SAVE_EVERY);

        vm.save(); // the page is left (or disposed: the same save)
        assertThat(runner.errors()).isEmpty();
        int all = bench.evalSets().versions("fifty").size() - versions;
        assertThat(all).as("versions for 50 grades").isLessThanOrEqualTo(written + 1).isLessThan(12);
        var qrels = bench.evalSets().get("fifty").qrels();
        given.forEach((key, grade) -> {
            String[] qd = key.split("\t");
            assertThat(qrels.judgments(qd[0])).as(key).containsEntry(qd[1], grade);
        });
        assertThat(qrels.judgmentCount()).isEqualTo(50);
        vm.dispose();
        assertThat(bench.evalSets().versions("fifty").size() - versions).as("nothing left to write").isEqualTo(all);
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
