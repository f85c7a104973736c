package dev.ragworkbench.ui.models.finetune;

import dev.ragworkbench.embedding.adapter.TrainingOptions;
import dev.ragworkbench.evaluation.EvalSet;
import dev.ragworkbench.evaluation.Qrels;
import dev.ragworkbench.experiment.FineTuning;
import dev.ragworkbench.experiment.store.RunQuery;
import dev.ragworkbench.experiment.store.RunStatus;
import dev.ragworkbench.experiment.store.StepMetric;
import dev.ragworkbench.ui.tasks.SameThreadTaskRunner;
import dev.ragworkbench.ui.workspace.WorkspaceSession;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The fine-tune part of the Models pane on a real index (MiniLM over a SciFact slice) with the same-thread runner:
 * the curves arrive point by point and match the run's step metrics, the comparison at the end is base against
 * tuned over the test split, and a cancel leaves a cancelled run with no adapter and nothing shown.
 */
class FineTuneViewModelTest {

    @TempDir
    static Path dir;
    static String index;
    static WorkspaceSession session;

    @BeforeAll
    static void build() throws Exception {
        index = FineTuneFixture.build(dir);
        session = WorkspaceSession.open(dir.resolve("ws"));
    }

    @AfterAll
    static void close() {
        session.close();
    }

    private static FineTuneViewModel viewModel() {
        var vm = new FineTuneViewModel(session, new SameThreadTaskRunner(), Runnable::run);
        vm.loadIndexes();
        vm.epochsProperty().set(6);
        vm.validationShareProperty().set(0.25);
        vm.batchProperty().set(16);
        vm.learningRateProperty().set(5e-3);
        vm.patienceProperty().set(4);
        return vm;
    }

    @Test
    void theCurvesArriveAsItTrainsAndBaseAndTunedAreComparedOnTheTestSplit() {
        var vm = viewModel();
        assertThat(vm.indexProperty().get().name()).isEqualTo(index);
        assertThat(vm.embedderBinding().get()).isEqualTo("all-minilm-l6-v2");
        assertThat(vm.evalSetProperty().get().name()).isEqualTo(FineTuneFixture.TRAIN); // a train split first
        int[] resultAtPoint = {0};
        vm.loss().addListener((ListChangeListener<FineTuneViewModel.Point>) c -> {
            if (vm.resultProperty().get() == null) {
                resultAtPoint[0]++; // a point drawn before the end: the curve is live
            }
        });

        vm.start();

        assertThat(vm.errorProperty().get()).isEmpty();
        var result = vm.resultProperty().get();
        assertThat(result).isNotNull();
        String runId = result.outcome().runId();
        var trained = result.outcome().result();
        assertThat(resultAtPoint[0]).isPositive();
        // the curves are the run's step metrics, point for point
        var stored = session.workbench().runs().stepMetrics(runId, FineTuning.LOSS);
        assertThat(vm.loss()).hasSize((int) trained.steps()).hasSameSizeAs(stored);
        for (int i = 0; i < stored.size(); i++) {
            StepMetric s = stored.get(i);
            assertThat(vm.loss().get(i)).isEqualTo(new FineTuneViewModel.Point(s.step(), s.value()));
        }
        assertThat(vm.validation()).hasSize(trained.epochsRun() + 1);
        assertThat(vm.validation().getFirst()).isEqualTo(new FineTuneViewModel.Point(0, trained.baseValidation()));
        assertThat(vm.progressProperty().get()).isEqualTo(1.0); // the comparison's bar, after training's, ran full
        assertThat(vm.runningProperty().get()).isFalse();
        assertThat(vm.statusProperty().get()).contains(runId);

        // base against tuned over the test split, none of whose queries was trained on
        assertThat(result.heldOut().separate()).isTrue();
        assertThat(result.heldOut().set().name()).isEqualTo(FineTuneFixture.TEST);
        assertThat(vm.heldOutNoteProperty().get()).contains(FineTuneFixture.TEST).contains("25 queries");
        var columns = result.comparison().columns();
        assertThat(columns).hasSize(2);
        assertThat(columns.get(0).column().adapter()).isNull();
        assertThat(columns.get(1).column().adapter()).isEqualTo(runId);
        assertThat(vm.rows()).hasSize(2);
        var base = vm.rows().get(0);
        var tuned = vm.rows().get(1);
        assertThat(base.vsBase()).isNull();
        assertThat(base.column()).isEqualTo("base (dense)");
        assertThat(tuned.column()).isEqualTo("tuned (dense + adapter)");
        assertThat(tuned.vsBase().delta()).isCloseTo(tuned.ndcg10() - base.ndcg10(), within(1e-9));
        assertThat(tuned.vsBase().paired()).isEqualTo(25);
        assertThat(tuned.vsBase().ciLow()).isLessThanOrEqualTo(tuned.vsBase().delta());
        assertThat(tuned.vsBase().ciHigh()).isGreaterThanOrEqualTo(tuned.vsBase().delta());
        assertThat(tuned.vsBase().p()).isBetween(0.0, 1.0);
        // the tuned column searched through the trained adapter (not the identity): its scores differ
        assertThat(trained.bestEpoch()).as("validation curve %s", vm.validation()).isPositive();
        String q = result.comparison().queryIds().getFirst();
        assertThat(columns.get(1).rankings().ranking(q)).isNotEqualTo(columns.get(0).rankings().ranking(q));

        // the Retrieval pane is handed this very comparison; the adapter is listed for its embedder
        var request = vm.retrievalRequest().orElseThrow();
        assertThat(request.comparison()).isSameAs(result.comparison());
        assertThat(request.set().name()).isEqualTo(FineTuneFixture.TEST);
        assertThat(session.workbench().fineTuning().adapters("all-minilm-l6-v2"))
                .anySatisfy(a -> assertThat(a.runId()).isEqualTo(runId));
        assertThat(session.workbench().fineTuning().adapters("bge-small-en-v1.5-q")).isEmpty();
    }

    @Test
    void cancelAtTheFirstStepLeavesACancelledRunWithNoAdapterAndShowsNothing() {
        var vm = viewModel();
        var before = session.workbench().runs().runs(RunQuery.all()).size();
        vm.loss().addListener((ListChangeListener<FineTuneViewModel.Point>) c -> vm.cancel());

        vm.start();

        assertThat(vm.resultProperty().get()).isNull();
        assertThat(vm.rows()).isEmpty();
        assertThat(vm.runningProperty().get()).isFalse();
        assertThat(vm.errorProperty().get()).isEmpty();
        assertThat(vm.statusProperty().get()).startsWith("Cancelled").contains("no adapter");
        var runs = session.workbench().runs().runs(RunQuery.all());
        assertThat(runs).hasSize(before + 1);
        var run = runs.stream().filter(r -> r.status() == RunStatus.CANCELLED).findFirst().orElseThrow();
        assertThat(run.tags()).containsEntry("kind", "adapter");
        assertThat(run.artifacts()).isEmpty();
        assertThat(runs).noneMatch(r -> r.status() == RunStatus.RUNNING);
        assertThat(session.workbench().fineTuning().adapters(null)).noneMatch(a -> a.runId().equals(run.id()));
    }

    @Test
    void cancelDuringTheComparisonKeepsTheWholeAdapterAndSaysSo() {
        var vm = viewModel();
        vm.epochsProperty().set(1);
        vm.statusProperty().addListener((o, was, now) -> {
            if (now.startsWith("Comparing")) {
                vm.cancel();
            }
        });

        vm.start();

        assertThat(vm.resultProperty().get()).isNull();
        assertThat(vm.rows()).isEmpty();
        assertThat(vm.statusProperty().get()).startsWith("Cancelled during the comparison").contains("is kept");
        String runId = vm.statusProperty().get().replaceFirst(".*adapter (\\S+) was trained.*", "$1");
        assertThat(session.workbench().runs().run(runId).status()).isEqualTo(RunStatus.FINISHED);
        assertThat(session.workbench().fineTuning().adapters(null)).anySatisfy(a -> assertThat(a.runId()).isEqualTo(runId));
    }

    @Test
    void anEvalSetWithoutATestSplitIsMeasuredOnItsValidationQueriesAndThePaneSaysSo() {
        var train = session.workbench().evalSets().get(FineTuneFixture.TRAIN);
        var own = new EvalSet("own-queries", train.queries(), train.qrels());
        session.workbench().evalSets().save(own, "sci", "test", "the training queries under a name with no split");
        session.addGoldenSets(List.of(own));
        var vm = viewModel();
        vm.evalSetProperty().set(vm.sets().stream().filter(s -> s.name().equals("own-queries")).findFirst().orElseThrow());
        vm.epochsProperty().set(1);

        vm.start();

        var result = vm.resultProperty().get();
        assertThat(result).as("error '%s'", vm.errorProperty().get()).isNotNull();
        assertThat(result.heldOut().separate()).isFalse();
        // the very queries held out of training for early stopping, 25 % of 100
        assertThat(result.comparison().queryIds()).hasSize(result.outcome().validationQueries()).hasSize(25);
        assertThat(vm.heldOutNoteProperty().get()).contains("validation").contains("no separate test split")
                .contains("optimistic");
    }

    @Test
    void anOptionOutOfBoundsIsRefusedWithItsReason() {
        var vm = viewModel();
        vm.validationShareProperty().set(1.0);
        vm.start();
        assertThat(vm.errorProperty().get()).contains("validation share");
        assertThat(vm.runningProperty().get()).isFalse();
    }

    @Test
    void withoutATestSplitTheValidationQueriesMeasureItAndTheNoteSaysSo() {
        var queries = new LinkedHashMap<String, String>();
        var judgments = new LinkedHashMap<String, Map<String, Integer>>();
        for (int i = 0; i < 40; i++) {
            queries.put("q" + i, "query " + i);
            judgments.put("q" + i, Map.of("d" + i, 1));
        }
        var mine = new EvalSet("mine", queries, Qrels.of(judgments));
        var o = TrainingOptions.DEFAULTS;
        var heldOut = FineTuning.heldOut(mine, List.of(mine), o);
        assertThat(heldOut.separate()).isFalse();
        // the very queries FineTuning holds out for validation with this seed and share
        assertThat(heldOut.set().queries().keySet()).isEqualTo(mine.split(o.validationShare(), o.seed()).first()
                .queries().keySet()).hasSize(4);

        // a test split sharing queries with the training set is measured without them
        var train = new EvalSet("x/train", new LinkedHashMap<>(Map.of("q1", "a", "q2", "b")),
                Qrels.of(Map.of("q1", Map.of("d1", 1), "q2", Map.of("d2", 1))));
        var test = new EvalSet("x/test", new LinkedHashMap<>(Map.of("q2", "b", "q3", "c")),
                Qrels.of(Map.of("q2", Map.of("d2", 1), "q3", Map.of("d3", 2))));
        var separate = FineTuning.heldOut(train, List.of(train, test), o);
        assertThat(separate.separate()).isTrue();
        assertThat(separate.set().queries().keySet()).containsExactly("q3");
        assertThat(separate.set().qrels().queryIds()).containsExactly("q3");
    }
}
