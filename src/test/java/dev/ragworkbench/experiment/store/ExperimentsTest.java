package dev.ragworkbench.experiment.store;

import dev.ragworkbench.workspace.Workspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** An experiment is its spec's name; each {@code run} of the spec is an execution under it. */
class ExperimentsTest {

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
    void runningASpecTwiceMakesTwoExecutionsOfOneExperiment() throws Exception {
        ExperimentExecution first = store.startExecution("chunk sizes", "axes: {size: [256]}\n", "specs/a.yaml");
        Run a = store.startRunOf(first, "size=256", Map.of("chunking.size", "256"), Map.of());
        Thread.sleep(5);
        ExperimentExecution second = store.startExecution("chunk sizes", "axes: {size: [512]}\n", "specs/a.yaml");
        Run b = store.startRunOf(second, "size=512", Map.of("chunking.size", "512"), Map.of());
        ExperimentExecution other = store.startExecution("retrievers", "axes: {}\n", null);

        assertThat(second.experimentId()).isEqualTo(first.experimentId()).isNotEqualTo(other.experimentId());
        assertThat(second.id()).isNotEqualTo(first.id());
        ExperimentRecord chunkSizes = store.experiment("chunk sizes").orElseThrow();
        assertThat(chunkSizes.id()).isEqualTo(first.experimentId());
        assertThat(chunkSizes.executions()).containsExactly(second, first); // newest first
        assertThat(chunkSizes.latest()).contains(second);
        assertThat(chunkSizes.executions().getLast().specYaml()).isEqualTo("axes: {size: [256]}\n");
        assertThat(store.experiments()).extracting(ExperimentRecord::name).containsExactly("retrievers", "chunk sizes");
        assertThat(store.execution(first.id())).contains(first);

        assertThat(a.experimentId()).isEqualTo(chunkSizes.id());
        assertThat(a.executionId()).isEqualTo(first.id());
        assertThat(b.executionId()).isEqualTo(second.id());
        assertThat(b.experiment()).isEqualTo("chunk sizes");
        assertThat(store.run(b.id())).isEqualTo(b);
        assertThat(store.runs(RunQuery.all().experiment(chunkSizes.id()))).extracting(Run::id).containsExactly(b.id(), a.id());
        assertThat(store.startRun(null, "lone", Map.of(), Map.of()).experiment()).isNull();
    }

    @Test
    void experimentsOfTheOldSchemaReadAsExecutionsAndTakeNewOnes() throws Exception {
        // A workspace of the previous build (schema 2): every `run` of a spec made an experiment row.
        Path old = dir.resolve("old");
        java.nio.file.Files.createDirectories(old);
        var ds = new org.h2.jdbcx.JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + old.resolve(Workspace.DATABASE_NAME));
        ds.setUser("sa");
        ds.setPassword("");
        org.flywaydb.core.Flyway.configure().dataSource(ds).locations("classpath:db/migration").target("2").load().migrate();
        try (var c = ds.getConnection(); var st = c.createStatement()) {
            st.execute("INSERT INTO experiment (id, name, spec_yaml, created_at) VALUES"
                       + " (1, 'quick', 'a: 1', TIMESTAMP WITH TIME ZONE '2026-11-01 10:00:00+00'),"
                       + " (2, 'quick', 'a: 2', TIMESTAMP WITH TIME ZONE '2026-11-02 10:00:00+00')");
            st.execute("INSERT INTO run (id, experiment_id, name, status, started_at, updated_at, code_version,"
                       + " owner_pid, owner_host) VALUES ('r-20261102-100000-0002', 2, 'run 2', 'finished',"
                       + " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'test', 1, 'h')");
        }
        try (var migrated = Workspace.open(old)) {
            var oldStore = new RunStore(migrated);
            ExperimentRecord quick = oldStore.experiment("quick").orElseThrow();
            assertThat(quick.id()).isEqualTo(1);
            assertThat(quick.executions()).extracting(ExperimentExecution::specYaml).containsExactly("a: 2", "a: 1");
            Run run = oldStore.run("r-20261102-100000-0002");
            assertThat(run.experiment()).isEqualTo("quick");
            assertThat(run.executionId()).isEqualTo(quick.executions().getFirst().id());
            ExperimentExecution third = oldStore.startExecution("quick", "a: 3", null);
            assertThat(third.experimentId()).isEqualTo(1);
            assertThat(oldStore.experiment(1).orElseThrow().executions()).hasSize(3);
        }
    }

    @Test
    void createExperimentIsGetOrCreateByName() {
        ExperimentRecord once = store.createExperiment("grid", "axes: {}", null);
        ExperimentRecord twice = store.createExperiment("grid", "axes: {k1: [1]}", "grid.yaml");
        assertThat(twice.id()).isEqualTo(once.id());
        assertThat(twice.executions()).hasSize(2);
        assertThat(twice.latest().orElseThrow().specPath()).isEqualTo("grid.yaml");
        assertThat(store.experiments()).hasSize(1);
    }

    @Test
    void twoWritersStartingTheSameNewExperimentShareIt() throws Exception {
        var pool = Executors.newFixedThreadPool(4);
        try {
            var tasks = new ArrayList<Callable<ExperimentExecution>>();
            for (int i = 0; i < 8; i++) {
                // each its own store, as separate windows or commands would have
                tasks.add(() -> new RunStore(workspace).startExecution("raced", "axes: {}", null));
            }
            var experimentIds = new java.util.HashSet<Long>();
            for (Future<ExperimentExecution> f : pool.invokeAll(tasks)) {
                experimentIds.add(f.get().experimentId());
            }
            assertThat(experimentIds).hasSize(1);
            assertThat(store.experiment("raced").orElseThrow().executions()).hasSize(8);
        } finally {
            pool.shutdownNow();
        }
    }
}
