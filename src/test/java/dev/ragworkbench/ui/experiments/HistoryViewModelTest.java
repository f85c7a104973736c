package dev.ragworkbench.ui.experiments;

import dev.ragworkbench.experiment.history.ExperimentBaselines;
import dev.ragworkbench.experiment.store.EndedRun;
import dev.ragworkbench.experiment.store.Run;
import dev.ragworkbench.experiment.store.RunBatch;
import dev.ragworkbench.experiment.store.RunField;
import dev.ragworkbench.experiment.store.RunStatus;
import dev.ragworkbench.experiment.store.RunStore;
import dev.ragworkbench.ui.tasks.SameThreadTaskRunner;
import dev.ragworkbench.workspace.UiStateStore;
import dev.ragworkbench.workspace.Workspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The history's ViewModel on a real store, with tasks run on the test's thread: search, its errors, grouping,
 * remembered columns, baseline deltas, deletion and following writes made elsewhere.
 */
class HistoryViewModelTest {

    @TempDir
    Path dir;
    Workspace workspace;
    RunStore store;
    UiStateStore uiState;
    SameThreadTaskRunner runner = new SameThreadTaskRunner();
    List<String> alpha;
    List<String> beta;

    @BeforeEach
    void seed() {
        workspace = Workspace.open(dir.resolve("ws"));
        store = new RunStore(workspace);
        uiState = new UiStateStore(workspace);
        alpha = grid("alpha", 4, 0.5);
        beta = grid("beta", 3, 0.3);
    }

    /** {@code n} finished runs of one experiment, with ndcg@10 {@code base + 0.1 i} and k1 {@code 0.5 i}. */
    List<String> grid(String experiment, int n, double base) {
        var execution = store.startExecution(experiment, "name: " + experiment + "\n", null);
        var runs = new ArrayList<EndedRun>();
        for (int i = 0; i < n; i++) {
            Instant start = Instant.parse("2026-03-01T10:00:00Z").plusSeconds(3600L * i + (experiment.equals("beta") ? 60 : 0));
            runs.add(new EndedRun(execution.experimentId(), execution.id(), experiment + "-" + i, RunStatus.FINISHED, null,
                    start, start.plusSeconds(30), RunBatch.builder()
                    .params(Map.of("retrieval.k1", String.valueOf(0.5 * i), "retrieval.kind", "bm25"))
                    .metrics(Map.of("ndcg@10", base + 0.1 * i, "recall@10", 0.9)).tags(Map.of("dataset", experiment)).build()));
        }
        return store.record(runs);
    }

    @AfterEach
    void close() {
        workspace.close();
    }

    HistoryViewModel vm() {
        var vm = new HistoryViewModel(store, uiState, runner);
        vm.reload(true);
        return vm;
    }

    static List<String> names(HistoryViewModel vm) {
        return vm.rows().stream().filter(r -> !r.isGroup()).map(r -> r.run().name()).toList();
    }

    @Test
    void searchesInTheLanguageAndMarksABadQuery() {
        var vm = vm();
        assertThat(vm.totalProperty().get()).isEqualTo(7);
        assertThat(vm.experiments()).extracting(e -> e.name()).containsExactlyInAnyOrder("alpha", "beta");
        // newest first by default
        assertThat(names(vm)).containsExactly("alpha-3", "beta-2", "alpha-2", "beta-1", "alpha-1", "beta-0", "alpha-0");

        vm.queryProperty().set("metrics.ndcg@10 >= 0.45 and (tags.dataset = beta or params.retrieval.k1 > 1)");
        vm.search();
        assertThat(names(vm)).containsExactly("alpha-3", "beta-2");
        assertThat(vm.searchErrorProperty().get()).isNull();

        // a bad query keeps the rows, and says where and why
        vm.queryProperty().set("metrics.ndcg@10 >= 0.45 and (tags.dataset = beta");
        vm.search();
        assertThat(vm.searchErrorProperty().get().offset()).isEqualTo("metrics.ndcg@10 >= 0.45 and ".length());
        assertThat(vm.messageProperty().get()).contains("no ')' closes this '('");
        assertThat(names(vm)).containsExactly("alpha-3", "beta-2");

        vm.queryProperty().set("");
        vm.freeTextProperty().set("ALPHA-1");
        vm.search();
        assertThat(names(vm)).containsExactly("alpha-1");
        assertThat(vm.searchErrorProperty().get()).isNull();
    }

    @Test
    void sortsGroupsAndPagesInTheStore() {
        var vm = vm();
        vm.sortBy(List.of(new dev.ragworkbench.experiment.store.RunSort(RunField.metric("ndcg@10"), true)));
        // alpha-0 and beta-2 tie at 0.5: the newer first
        assertThat(names(vm)).containsExactly("alpha-3", "alpha-2", "alpha-1", "beta-2", "alpha-0", "beta-1", "beta-0");
        vm.setGrouped(true);
        var rows = vm.rows();
        assertThat(rows).hasSize(9);
        assertThat(rows.get(0).group()).isEqualTo("alpha");
        assertThat(rows.get(0).groupSize()).isEqualTo(4);
        assertThat(rows.get(5).group()).isEqualTo("beta");
        assertThat(names(vm)).containsExactly("alpha-3", "alpha-2", "alpha-1", "alpha-0", "beta-2", "beta-1", "beta-0");
        vm.showExperiment("beta");
        assertThat(names(vm)).containsExactly("beta-2", "beta-1", "beta-0");
    }

    @Test
    void columnsAreRememberedPerExperiment() {
        var vm = vm();
        // by default: the metrics, and the params whose values differ (retrieval.kind is bm25 throughout)
        assertThat(vm.columnsProperty().get()).isEqualTo(new ColumnChoice(List.of("retrieval.k1"), List.of("ndcg@10", "recall@10")));
        vm.showExperiment("alpha");
        vm.showColumn(RunField.Kind.METRIC, "recall@10", false);
        vm.showColumn(RunField.Kind.PARAM, "retrieval.kind", true);

        var again = new HistoryViewModel(store, uiState, runner);
        again.showExperiment("alpha");
        assertThat(again.columnsProperty().get()).isEqualTo(new ColumnChoice(List.of("retrieval.k1", "retrieval.kind"),
                List.of("ndcg@10")));
        again.showExperiment("beta");
        assertThat(again.columnsProperty().get().metrics()).containsExactly("ndcg@10", "recall@10");
    }

    @Test
    void deltasToTheMarkedBaseline() {
        var vm = vm();
        vm.markBaseline(alpha.get(1));
        HistoryRow base = row(vm, "alpha-1");
        assertThat(base.baseline()).isTrue();
        assertThat(base.deltas()).isEmpty();
        assertThat(row(vm, "alpha-3").deltas().get("ndcg@10")).isCloseTo(0.2, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(row(vm, "alpha-0").deltas().get("ndcg@10")).isCloseTo(-0.1, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(row(vm, "alpha-0").deltas().get("recall@10")).isZero();
        // another experiment's runs have no baseline, so no deltas
        assertThat(row(vm, "beta-0").deltas()).isEmpty();
        assertThat(new ExperimentBaselines(store).all()).containsExactly(Map.entry("alpha", alpha.get(1)));
    }

    @Test
    void followsWritesMadeElsewhereAndDeletes() {
        var vm = vm();
        vm.poll();
        assertThat(runner.titles()).last().isEqualTo("Watching the run history");
        int reads = (int) runner.titles().stream().filter(t -> t.equals("Reading the run history")).count();
        vm.poll(); // nothing changed: no read
        assertThat(runner.titles().stream().filter(t -> t.equals("Reading the run history")).count()).isEqualTo(reads);

        // another writer (a second store on the workspace, as the command line would open)
        var other = new RunStore(workspace);
        Run started = other.startRun(null, "from-the-command-line", Map.of(), Map.of("by", "cli"));
        vm.poll();
        assertThat(names(vm)).first().isEqualTo("from-the-command-line");
        other.setTag(started.id(), "stage", "done");
        vm.poll();
        assertThat(row(vm, "from-the-command-line").run().tags()).containsEntry("stage", "done");

        vm.delete(List.of(alpha.get(0), alpha.get(2)));
        assertThat(names(vm)).doesNotContain("alpha-0", "alpha-2").hasSize(6);
        assertThat(store.find(alpha.get(0))).isEmpty();
        assertThat(runner.errors()).isEmpty();
    }

    @Test
    void aWarmPageIsShownWithoutARead_AndAWriteSinceItIsCaughtByThePoll() {
        var warm = HistoryViewModel.warm(store, uiState);
        // a run written after the warm read, before the page was built (the command line, say)
        new RunStore(workspace).startRun(null, "after-the-warm-read", Map.of(), Map.of());

        var vm = new HistoryViewModel(store, uiState, runner);
        vm.showWarm(warm);
        assertThat(runner.titles()).doesNotContain("Reading the run history");
        assertThat(names(vm)).hasSize(7).doesNotContain("after-the-warm-read");
        assertThat(vm.experiments()).extracting(e -> e.name()).contains("alpha", "beta");

        vm.poll(); // the stamp read with the warm page differs from the store's now: the page is read again
        assertThat(names(vm)).first().isEqualTo("after-the-warm-read");
        assertThat(names(vm)).hasSize(8);
        assertThat(runner.errors()).isEmpty();
    }

    @Test
    void aWarmPageForOtherInputsIsNotShown() {
        var warm = HistoryViewModel.warm(store, uiState);
        var vm = new HistoryViewModel(store, uiState, runner);
        vm.queryProperty().set("tags.dataset = 'beta'");
        vm.showWarm(warm);
        assertThat(runner.titles()).contains("Reading the run history");
        assertThat(names(vm)).containsExactlyInAnyOrder("beta-0", "beta-1", "beta-2");
    }

    static HistoryRow row(HistoryViewModel vm, String name) {
        return vm.rows().stream().filter(r -> !r.isGroup() && r.run().name().equals(name)).findFirst().orElseThrow();
    }
}
