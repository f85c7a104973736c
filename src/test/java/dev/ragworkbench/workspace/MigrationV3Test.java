package dev.ragworkbench.workspace;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A workspace written by the previous build (schema 2, one experiment row per `run`) opened by this one. */
class MigrationV3Test {

    @TempDir
    Path dir;

    @Test
    void eachRunOfASpecBecomesAnExecutionUnderOneExperiment() throws Exception {
        Path ws = dir.resolve("ws");
        java.nio.file.Files.createDirectories(ws);
        var ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + ws.resolve(Workspace.DATABASE_NAME));
        ds.setUser("sa");
        ds.setPassword("");
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").target("2").load().migrate();
        try (var c = ds.getConnection(); var st = c.createStatement()) {
            st.execute("INSERT INTO experiment (id, name, spec_yaml, created_at) VALUES"
                       + " (1, 'quick', 'a: 1', TIMESTAMP WITH TIME ZONE '2026-11-01 10:00:00+00'),"
                       + " (2, 'other', 'b: 1', TIMESTAMP WITH TIME ZONE '2026-11-01 11:00:00+00'),"
                       + " (3, 'quick', 'a: 2', TIMESTAMP WITH TIME ZONE '2026-11-02 10:00:00+00')");
            for (int i = 1; i <= 3; i++) {
                st.execute("INSERT INTO run (id, experiment_id, name, status, started_at, updated_at, code_version,"
                           + " owner_pid, owner_host) VALUES ('r" + i + "', " + i + ", 'run " + i + "', 'finished',"
                           + " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'test', 1, 'h')");
            }
        }
        try (var w = Workspace.open(ws); var c = w.connection(); var st = c.createStatement()) {
            assertThat(Workspace.schemaVersion(c)).isEqualTo(Workspace.SCHEMA_VERSION);
            List<String> experiments = new ArrayList<>();
            try (var rs = st.executeQuery("SELECT id, name FROM experiment ORDER BY id")) {
                while (rs.next()) {
                    experiments.add(rs.getLong(1) + ":" + rs.getString(2));
                }
            }
            assertThat(experiments).containsExactly("1:quick", "2:other");
            List<String> runs = new ArrayList<>();
            try (var rs = st.executeQuery("SELECT r.id, r.experiment_id, x.spec_yaml FROM run r"
                                          + " JOIN experiment_execution x ON x.id = r.execution_id ORDER BY r.id")) {
                while (rs.next()) {
                    runs.add(rs.getString(1) + ":" + rs.getLong(2) + ":" + rs.getString(3));
                }
            }
            // Each run keeps the spec text it was run with, under the one experiment of its name.
            assertThat(runs).containsExactly("r1:1:a: 1", "r2:2:b: 1", "r3:1:a: 2");
        }
    }
}
