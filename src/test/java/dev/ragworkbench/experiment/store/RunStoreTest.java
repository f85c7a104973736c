package dev.ragworkbench.experiment.store;

import dev.ragworkbench.evaluation.Aggregate;
import dev.ragworkbench.evaluation.Comparison;
import dev.ragworkbench.evaluation.EvaluationResult;
import dev.ragworkbench.evaluation.Metric;
import dev.ragworkbench.evaluation.PairedComparison;
import dev.ragworkbench.evaluation.QueryResult;
import dev.ragworkbench.workspace.Workspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class RunStoreTest {

    static final Metric NDCG = Metric.parse("ndcg@10");
    static final Metric RECALL = Metric.parse("recall@100");

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
    void aStartedRunIsStoredAtOnceAsRunningByThisProcess() {
        Instant before = Instant.now().minusMillis(1);
        Run run = store.startRun(null, "bm25 baseline", Map.of("retrieval.kind", "bm25", "retrieval.k1", "0.9"),
                Map.of("dataset", "scifact"));

        assertThat(run.id()).matches(RunIds.FORMAT);
        assertThat(run.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(run.startedAt()).isAfter(before).isBeforeOrEqualTo(Instant.now());
        assertThat(run.endedAt()).isNull();
        assertThat(run.durationMs()).isNull();
        assertThat(run.codeVersion()).isEqualTo("dev"); // test classes come from a folder, not a jar
        assertThat(run.owner().pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(run.owner().startedAt()).isCloseTo(ProcessHandle.current().info().startInstant().orElseThrow(),
                within(Duration.ofMillis(1)));
        assertThat(run.owner().host()).isEqualTo(RunOwner.localHost());
        assertThat(run.params()).containsExactly(Map.entry("retrieval.k1", "0.9"), Map.entry("retrieval.kind", "bm25"));
        assertThat(run.tags()).containsExactly(Map.entry("dataset", "scifact"));

        // another store on the same workspace (as another window would) reads the same
        assertThat(new RunStore(workspace).run(run.id())).isEqualTo(run);
    }

    @Test
    void aRunCarriesEverythingLoggedToItAndItsDuration() throws Exception {
        ExperimentRecord experiment = store.createExperiment("chunk sizes", "axes:\n  chunking.size: [256, 512]\n",
                "experiments/chunk-sizes.yaml");
        Run started = store.startRun(experiment.id(), "size=256", Map.of("chunking.size", "256"), Map.of());
        store.logMetrics(started.id(), Map.of("NDCG@10", 0.5, "latency_ms", 12.5));
        store.logMetrics(started.id(), Map.of("ndcg@10", 0.625)); // replaces
        store.setTag(started.id(), "owner", "ana");
        store.setTag(started.id(), "owner", "bo");
        store.setTag(started.id(), "wip", "yes");
        assertThat(store.removeTag(started.id(), "wip")).isTrue();
        store.addNote(started.id(), "first try");
        store.addNote(started.id(), "second thought");
        Path trec = Files.writeString(dir.resolve("run.trec"), "q1 Q0 d1 1 2.0 x\n");
        Path json = Files.writeString(dir.resolve("per-query.json"), "{\"q1\": 0.5}");
        RunArtifact copied = store.addArtifact(started.id(), "run.trec", trec, "trec-run");
        RunArtifact moved = store.addArtifact(started.id(), "per-query.json", json, "per-query-json", ArtifactRepository.Transfer.MOVE);
        Thread.sleep(20);
        Run finished = store.finish(started.id());

        assertThat(finished.experimentId()).isEqualTo(experiment.id());
        assertThat(finished.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(finished.statusReason()).isNull();
        assertThat(finished.metrics()).containsExactly(Map.entry("latency_ms", 12.5), Map.entry("ndcg@10", 0.625));
        assertThat(finished.tags()).containsExactly(Map.entry("owner", "bo"));
        assertThat(finished.notes()).extracting(RunNote::text).containsExactly("first try", "second thought");
        assertThat(finished.artifacts()).containsExactly(moved, copied); // by name
        assertThat(copied.path()).isEqualTo("artifacts/" + started.id() + "/run.trec");
        assertThat(copied.sizeBytes()).isEqualTo(Files.size(trec));
        assertThat(store.file(copied)).hasContent("q1 Q0 d1 1 2.0 x");
        assertThat(trec).exists();
        assertThat(store.file(moved)).hasContent("{\"q1\": 0.5}");
        assertThat(json).doesNotExist();
        assertThat(store.runArtifactsDir(started.id())).isDirectoryNotContaining(p -> p.getFileName().toString().startsWith("."));
        assertThat(finished.endedAt()).isAfterOrEqualTo(finished.startedAt().plusMillis(20));
        assertThat(finished.durationMs()).isEqualTo(Duration.between(finished.startedAt(), finished.endedAt()).toMillis());
        assertThat(finished.updatedAt()).isEqualTo(finished.endedAt());

        assertThat(store.experiments()).containsExactly(experiment);
        assertThat(store.experiment(experiment.id())).contains(experiment);
    }

    @Test
    void aRunEndsOnceAsFinishedFailedOrCancelled() {
        String a = store.startRun(null, "a", Map.of(), Map.of()).id();
        String b = store.startRun(null, "b", Map.of(), Map.of()).id();
        String c = store.startRun(null, "c", Map.of(), Map.of()).id();

        assertThat(store.finish(a).status()).isEqualTo(RunStatus.FINISHED);
        Run failed = store.fail(b, "index missing");
        assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
        assertThat(failed.statusReason()).isEqualTo("index missing");
        assertThat(store.cancel(c).status()).isEqualTo(RunStatus.CANCELLED);

        assertThatThrownBy(() -> store.finish(b))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already failed (index missing)");
        assertThat(store.run(b).status()).isEqualTo(RunStatus.FAILED);
        // an ended run still takes notes and tags: users annotate runs afterwards
        store.addNote(a, "looks good");
        assertThat(store.run(a).notes()).hasSize(1);
    }

    @Test
    void unknownRunsAndExperimentsAreReportedByName() {
        assertThatThrownBy(() -> store.logMetrics("r-20260101-000000-beef", Map.of("ndcg@10", 1.0)))
                .isInstanceOf(NoSuchRunException.class)
                .hasMessageContaining("r-20260101-000000-beef");
        assertThatThrownBy(() -> store.finish("nope")).isInstanceOf(NoSuchRunException.class);
        assertThat(store.find("nope")).isEmpty();
        assertThatThrownBy(() -> store.startRun(424242L, "x", Map.of(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no experiment 424242");
        assertThat(store.runs(RunQuery.all())).isEmpty();
    }

    @Test
    void rejectsWhatCouldNotBeReadBackFaithfully() throws Exception {
        String id = store.startRun(null, "r", Map.of(), Map.of()).id();
        Path file = Files.writeString(dir.resolve("f.txt"), "x");
        for (String bad : List.of("../escape.txt", "sub/f.txt", ".hidden", "..", "")) {
            assertThatThrownBy(() -> store.addArtifact(id, bad, file, "text"))
                    .as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> store.logMetrics(id, Map.of("ndcg@10", Double.NaN)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("finite");
        assertThatThrownBy(() -> store.runArtifactsDir("../../etc")).isInstanceOf(NoSuchRunException.class);
        assertThat(store.run(id).metrics()).isEmpty();
    }

    @Test
    void runsAreListedNewestFirstAndFilteredByExperimentStatusAndText() throws Exception {
        long exp = store.createExperiment("grid", "axes: {}", null).id();
        String old = store.startRun(exp, "bm25 k1=0.9", Map.of("retrieval.kind", "bm25"), Map.of()).id();
        Thread.sleep(5);
        String mid = store.startRun(exp, "dense minilm", Map.of("retrieval.kind", "dense_vectors"), Map.of()).id();
        Thread.sleep(5);
        String lone = store.startRun(null, "hybrid", Map.of("retrieval.kind", "hybrid"), Map.of("note", "BM25+dense")).id();
        store.finish(old);
        store.fail(mid, "oom");

        assertThat(ids(RunQuery.all())).containsExactly(lone, mid, old);
        assertThat(ids(RunQuery.all().limit(2))).containsExactly(lone, mid);
        assertThat(ids(RunQuery.all().experiment(exp))).containsExactly(mid, old);
        assertThat(ids(RunQuery.all().status(RunStatus.FINISHED, RunStatus.FAILED))).containsExactly(mid, old);
        assertThat(ids(RunQuery.all().status(RunStatus.RUNNING))).containsExactly(lone);
        assertThat(ids(RunQuery.all().text("BM25"))).containsExactly(lone, old); // tag value, name, param value
        assertThat(ids(RunQuery.all().text("minilm"))).containsExactly(mid);
        assertThat(ids(RunQuery.all().text("dense_"))).containsExactly(mid); // '_' is literal, not a wildcard
        assertThat(ids(RunQuery.all().text("dense%"))).isEmpty();
        assertThat(ids(RunQuery.all().text("retrieval.kind").experiment(exp).status(RunStatus.FAILED))).containsExactly(mid);

        Run listed = store.runs(RunQuery.all().text("hybrid")).getFirst();
        assertThat(listed).isEqualTo(store.run(lone)); // listings carry the full record
    }

    @Test
    void perQueryValuesKeepTheirOrderAndALaterLogReplacesThem() {
        String id = store.startRun(null, "r", Map.of(), Map.of()).id();
        var first = new LinkedHashMap<String, Double>();
        first.put("q10", 0.1);
        first.put("q2", 0.2);
        first.put("q1", 0.3);
        store.logQueryMetrics(id, "nDCG@10", first);
        assertThat(store.queryMetrics(id, NDCG)).containsExactly(
                Map.entry("q10", 0.1), Map.entry("q2", 0.2), Map.entry("q1", 0.3));

        store.logQueryMetrics(id, List.of(result("q7", 1.0, 0.5), result("q8", 0.0, 0.25)));
        assertThat(store.queryMetrics(id, "ndcg@10")).containsExactly(Map.entry("q7", 1.0), Map.entry("q8", 0.0));
        assertThat(store.queryMetrics(id, RECALL)).containsExactly(Map.entry("q7", 0.5), Map.entry("q8", 0.25));
        assertThat(store.queryMetricNames(id)).containsExactly("ndcg@10", "recall@100");
        assertThat(store.queryMetrics(id, "mrr@10")).isEmpty();
    }

    @Test
    void threeHundredQueriesTimesFiveMetricsAreOneQuickTransaction() throws Exception {
        String id = store.startRun(null, "big", Map.of(), Map.of()).id();
        var random = new Random(7);
        List<Metric> metrics = Metric.parseList("ndcg@10, recall@100, mrr@10, map@100, precision@5");
        var perQuery = new java.util.ArrayList<QueryResult>();
        for (int q = 0; q < 300; q++) {
            var values = new LinkedHashMap<Metric, Double>();
            metrics.forEach(m -> values.put(m, random.nextDouble()));
            perQuery.add(new QueryResult("q" + q, values));
        }
        store.logQueryMetrics(id, perQuery); // warm-up: first statements compile
        long t0 = System.nanoTime();
        store.logQueryMetrics(id, perQuery);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("1500 per-query values logged in " + millis + " ms");

        assertThat(countRows("run_query_metric", id)).isEqualTo(1500);
        assertThat(store.queryMetrics(id, metrics.get(3)).values())
                .containsExactlyElementsOf(perQuery.stream().map(r -> r.value(metrics.get(3))).toList());
        assertThat(millis).as("generous bound for a shared 2-core box").isLessThan(5_000);
    }

    @Test
    void logEvaluationStoresMeansAndPerQueryValuesTogether() {
        String id = store.startRun(null, "eval", Map.of(), Map.of()).id();
        var perQuery = List.of(result("q1", 1.0, 1.0), result("q2", 0.5, 0.0));
        var means = new LinkedHashMap<Metric, Double>();
        means.put(NDCG, 0.75);
        means.put(RECALL, 0.5);
        store.logEvaluation(id, new EvaluationResult("eval", List.of(NDCG, RECALL), perQuery, new Aggregate(means, 2), 0, 0));

        assertThat(store.run(id).metrics()).containsExactly(Map.entry("ndcg@10", 0.75), Map.entry("recall@100", 0.5));
        assertThat(store.queryMetrics(id, NDCG)).containsExactly(Map.entry("q1", 1.0), Map.entry("q2", 0.5));
    }

    @Test
    void deleteRemovesTheRunEverythingAboutItAndItsFiles() throws Exception {
        String keep = store.startRun(null, "keep", Map.of("a", "1"), Map.of("t", "1")).id();
        String gone = store.startRun(null, "gone", Map.of("a", "1"), Map.of("t", "1")).id();
        for (String id : List.of(keep, gone)) {
            store.logMetrics(id, Map.of("ndcg@10", 0.5));
            store.logQueryMetrics(id, List.of(result("q1", 0.5, 0.5)));
            store.addNote(id, "n");
            store.addArtifact(id, "f.txt", Files.writeString(dir.resolve("f.txt"), id), "text");
        }
        assertThatThrownBy(() -> store.delete(gone))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("still running in process " + ProcessHandle.current().pid());

        store.finish(gone);
        store.delete(gone);

        assertThat(store.find(gone)).isEmpty();
        assertThat(store.runArtifactsDir(gone)).doesNotExist();
        for (String table : List.of("run_param", "run_metric", "run_query_metric", "run_tag", "run_note", "run_artifact")) {
            assertThat(countRows(table, gone)).as(table).isZero();
            assertThat(countRows(table, keep)).as(table).isPositive();
        }
        assertThat(store.file(store.run(keep).artifacts().getFirst())).hasContent(keep);
        assertThatThrownBy(() -> store.delete(gone)).isInstanceOf(NoSuchRunException.class);
    }

    @Test
    void reconcileFailsOnlyRunsWhoseProcessOnThisHostIsGone() throws Exception {
        RunOwner me = RunOwner.current();
        Process ended = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(), "-version")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        ended.waitFor();
        RunOwner dead = new RunOwner(ended.pid(), ended.info().startInstant().orElse(Instant.now()), me.host());
        RunOwner reused = new RunOwner(me.pid(), me.startedAt().minus(Duration.ofHours(1)), me.host());
        RunOwner unknownStart = new RunOwner(me.pid(), null, me.host());
        RunOwner elsewhere = new RunOwner(1, Instant.now(), "some-other-host.example");

        String deadRun = store.startRun(null, "dead", Map.of(), Map.of(), dead).id();
        store.logMetrics(deadRun, Map.of("ndcg@10", 0.4));
        String reusedRun = store.startRun(null, "reused", Map.of(), Map.of(), reused).id();
        String liveRun = store.startRun(null, "live", Map.of(), Map.of(), me).id();
        String unknownRun = store.startRun(null, "unknown start", Map.of(), Map.of(), unknownStart).id();
        String remoteRun = store.startRun(null, "remote", Map.of(), Map.of(), elsewhere).id();
        String finishedRun = store.startRun(null, "finished", Map.of(), Map.of(), dead).id();
        store.finish(finishedRun);
        Run deadBefore = store.run(deadRun);

        assertThat(store.reconcile()).containsExactlyInAnyOrder(deadRun, reusedRun);
        assertThat(store.reconcile()).as("nothing left to do").isEmpty();

        Run interrupted = store.run(deadRun);
        assertThat(interrupted.status()).isEqualTo(RunStatus.FAILED);
        assertThat(interrupted.statusReason()).isEqualTo("interrupted (process " + ended.pid() + " ended)");
        assertThat(interrupted.endedAt()).as("its last write").isEqualTo(deadBefore.updatedAt());
        assertThat(interrupted.durationMs()).isEqualTo(Duration.between(deadBefore.startedAt(), deadBefore.updatedAt()).toMillis());
        assertThat(interrupted.metrics()).containsEntry("ndcg@10", 0.4);
        assertThat(store.run(reusedRun).statusReason())
                .startsWith("interrupted (process " + me.pid() + " ended; its pid now belongs to a process started");
        for (String stays : List.of(liveRun, unknownRun, remoteRun)) {
            assertThat(store.run(stays).status()).as(stays).isEqualTo(RunStatus.RUNNING);
        }
        assertThat(store.run(finishedRun).status()).isEqualTo(RunStatus.FINISHED);
    }

    @Test
    void runIdsStayDistinctWhenManyRunsStartInOneSecond() {
        var ids = new HashSet<String>();
        for (int i = 0; i < 200; i++) {
            ids.add(RunIds.next(Instant.parse("2026-11-27T12:05:01Z")));
        }
        assertThat(ids).allMatch(id -> id.startsWith("r-20261127-120501-")).hasSizeGreaterThan(190);
        for (int i = 0; i < 30; i++) {
            store.startRun(null, "run " + i, Map.of(), Map.of());
        }
        assertThat(store.runs(RunQuery.all())).hasSize(30).extracting(Run::id).doesNotHaveDuplicates();
    }

    static QueryResult result(String query, double ndcg, double recall) {
        var values = new LinkedHashMap<Metric, Double>();
        values.put(NDCG, ndcg);
        values.put(RECALL, recall);
        return new QueryResult(query, values);
    }

    private List<String> ids(RunQuery query) {
        return store.runs(query).stream().map(Run::id).toList();
    }

    private int countRows(String table, String runId) throws SQLException {
        try (var c = workspace.connection();
             var ps = c.prepareStatement("SELECT COUNT(*) FROM " + table + " WHERE run_id = ?")) {
            ps.setString(1, runId);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
