package dev.ragworkbench.experiment.store;

import dev.ragworkbench.workspace.Workspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The batch write path and what it writes beyond params and metrics: step metrics, item failures; baselines. */
class RunDetailsTest {

    @TempDir
    Path dir;

    Workspace workspace;
    RunStore store;

    @BeforeEach
    void open() {
        workspace = Workspace.open(dir.resolve("ws"));
        store = new RunStore(workspace);
    }

    @AfterEach
    void close() {
        workspace.close();
    }

    @Test
    void oneBatchWritesEverythingInOneGo() {
        String id = store.startRun(null, "adapter", Map.of(), Map.of()).id();
        var perQuery = new LinkedHashMap<String, Double>();
        perQuery.put("q2", 0.5);
        perQuery.put("q1", 1.0);
        store.log(id, RunBatch.builder()
                .param("adapter.rank", "8").metric("NDCG@10", 0.75).queryMetrics("ndcg@10", perQuery)
                .tag("owner", "ana").step("loss", 2, 0.4).step("loss", 1, 0.9).step("NDCG@10", 1, 0.6)
                .failure(ItemFailure.ofItem("q3", "timeout after 30 s"))
                .failure(new ItemFailure("q4", "faithfulness", "judge reply not a number", "maybe?"))
                .build());

        Run run = store.run(id);
        assertThat(run.params()).containsExactly(Map.entry("adapter.rank", "8"));
        assertThat(run.metrics()).containsExactly(Map.entry("ndcg@10", 0.75));
        assertThat(run.tags()).containsExactly(Map.entry("owner", "ana"));
        assertThat(store.queryMetrics(id, "ndcg@10")).containsExactly(Map.entry("q2", 0.5), Map.entry("q1", 1.0));
        assertThat(store.stepMetricNames(id)).containsExactly("loss", "ndcg@10");
        assertThat(store.stepMetrics(id, "loss")).extracting(StepMetric::step, StepMetric::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, 0.9), org.assertj.core.groups.Tuple.tuple(2L, 0.4));
        assertThat(store.stepMetrics(id, "loss")).allSatisfy(s -> assertThat(s.recordedAt()).isNotNull());
        assertThat(store.stepMetrics(id, "ndcg@10")).singleElement().extracting(StepMetric::value).isEqualTo(0.6);
        assertThat(store.itemFailures(id)).containsExactly(
                new ItemFailure("q3", null, "timeout after 30 s", null),
                new ItemFailure("q4", "faithfulness", "judge reply not a number", "maybe?"));

        // a later point of a curve with the same step replaces it; other steps stay
        store.log(id, RunBatch.builder().step("loss", 2, 0.35).step("loss", 3, 0.3).build());
        assertThat(store.stepMetrics(id, "loss")).extracting(StepMetric::value).containsExactly(0.9, 0.35, 0.3);
        assertThat(store.stepMetrics(id, "recall@100")).isEmpty();
    }

    @Test
    void aBatchIsWrittenWholeOrNotAtAll() throws Exception {
        String id = store.startRun(null, "r", Map.of(), Map.of()).id();
        assertThatThrownBy(() -> RunBatch.builder().metric("ndcg@10", Double.NaN).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("finite");
        assertThatThrownBy(() -> store.log("r-20260101-000000-beef", RunBatch.builder().param("a", "1").build()))
                .isInstanceOf(NoSuchRunException.class);
        // The failure's reason is longer than its column: the database refuses it after the rest was written.
        var values = new LinkedHashMap<String, Double>();
        values.put("q1", 0.1);
        var bad = new RunBatch(Map.of("a", "1"), Map.of("ndcg@10", 0.5), Map.of("ndcg@10", values), Map.of(),
                List.of(new StepMetric("loss", 1, 0.5)), List.of(ItemFailure.ofItem("q1", "x".repeat(5000))));
        assertThatThrownBy(() -> store.log(id, bad)).isInstanceOf(IllegalStateException.class);
        Run run = store.run(id);
        assertThat(run.params()).isEmpty();
        assertThat(run.metrics()).isEmpty();
        assertThat(store.queryMetricNames(id)).isEmpty();
        assertThat(store.stepMetrics(id, "loss")).isEmpty();
        assertThat(count("run_query_metric")).isZero();
    }

    @Test
    void recordWritesEndedRunsInBulk() {
        var start = java.time.Instant.parse("2026-01-01T10:00:00Z");
        var ids = store.record(List.of(
                EndedRun.finished("a", start, start.plusSeconds(3), RunBatch.builder().param("k", "1").metric("m", 1).build()),
                new EndedRun(null, null, "b", RunStatus.FAILED, "oom", start.plusSeconds(1), start.plusSeconds(2),
                        RunBatch.builder().build())));
        assertThat(ids).hasSize(2).doesNotHaveDuplicates();
        Run a = store.run(ids.get(0));
        assertThat(a.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(a.startedAt()).isEqualTo(start);
        assertThat(a.durationMs()).isEqualTo(3000);
        assertThat(a.params()).containsEntry("k", "1");
        assertThat(a.id()).startsWith("r-20260101-100000-");
        assertThat(store.run(ids.get(1)).statusReason()).isEqualTo("oom");
        assertThat(store.reconcile()).isEmpty();
    }

    @Test
    void baselinesAreNamedRunsThatGoWithTheirRun() {
        String a = store.finish(store.startRun(null, "a", Map.of(), Map.of()).id()).id();
        String b = store.finish(store.startRun(null, "b", Map.of(), Map.of()).id()).id();
        Baselines baselines = store.baselines();

        Baseline main = baselines.set("main", a, "release 1.0");
        assertThat(baselines.get("main")).contains(main);
        baselines.set("main", b, null); // moves the name
        baselines.set("nightly", a, null);
        assertThat(baselines.get("main").orElseThrow().runId()).isEqualTo(b);
        assertThat(baselines.list()).extracting(Baseline::name).containsExactly("main", "nightly");
        assertThatThrownBy(() -> baselines.set("x", "r-20260101-000000-beef", null)).isInstanceOf(NoSuchRunException.class);

        assertThat(baselines.delete("nightly")).isTrue();
        assertThat(baselines.delete("nightly")).isFalse();
        store.delete(b);
        assertThat(baselines.get("main")).as("deleting a run deletes its baselines").isEmpty();
        assertThat(new RunStore(workspace).baselines().list()).isEmpty();
    }

    private int count(String table) throws SQLException {
        try (var c = workspace.connection(); var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
