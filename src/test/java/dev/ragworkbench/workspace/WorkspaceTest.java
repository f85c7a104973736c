package dev.ragworkbench.workspace;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class WorkspaceTest {

    @TempDir
    Path dir;

    @Test
    void createsFoldersAndMigratesTheDatabase() throws Exception {
        try (var ws = Workspace.open(dir.resolve("ws"))) {
            assertThat(ws.indexesDir()).isDirectory();
            assertThat(ws.artifactsDir()).isDirectory();
            assertThat(dir.resolve("ws/workbench.mv.db")).exists();
            try (var c = ws.connection(); var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM document")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isZero();
            }
        }
        // Reopening an existing workspace runs no migration twice.
        try (var ws = Workspace.open(dir.resolve("ws"))) {
            assertThat(ws.name()).isEqualTo("ws");
        }
    }

    @Test
    void schemaVersionIsTheNewestMigration() throws Exception {
        // Workspace skips Flyway when a database is at SCHEMA_VERSION: a new migration must move it on.
        var name = Pattern.compile("V(\\d+)__.*\\.sql");
        int newest;
        try (var files = Files.list(Path.of(Workspace.class.getResource("/db/migration").toURI()))) {
            newest = files.map(f -> name.matcher(f.getFileName().toString()))
                    .filter(java.util.regex.Matcher::matches)
                    .mapToInt(m -> Integer.parseInt(m.group(1))).max().orElseThrow();
        }
        assertThat(Workspace.SCHEMA_VERSION).isEqualTo(String.valueOf(newest));
        try (var ws = Workspace.open(dir.resolve("ws")); var c = ws.connection()) {
            assertThat(Workspace.schemaVersion(c)).isEqualTo(Workspace.SCHEMA_VERSION);
        }
    }

    @Test
    void aDatabaseBehindTheNewestMigrationIsMigrated() throws Exception {
        // A workspace made by a build with only V1: the fast path must not skip the later ones.
        try (var ws = Workspace.open(dir.resolve("old")); var c = ws.connection(); var st = c.createStatement()) {
            st.execute("DELETE FROM \"flyway_schema_history\" WHERE \"version\" IN ('2', '3')");
            st.execute("DROP TABLE ui_state, chat_call_cache, chat_model, eval_set_answer_span, eval_set_judgment,"
                       + " eval_set_query, eval_set_version, eval_set, baseline, run_item_failure, run_step_metric"
                       + " CASCADE");
            st.execute("DROP TABLE experiment_execution, run_artifact, run_note, run_tag, run_query_metric, run_metric, run_param, run,"
                       + " experiment CASCADE");
            assertThat(Workspace.schemaVersion(c)).isEqualTo("1");
        }
        try (var ws = Workspace.open(dir.resolve("old")); var c = ws.connection();
             var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM run")) {
            assertThat(rs.next()).isTrue();
            assertThat(Workspace.schemaVersion(c)).isEqualTo(Workspace.SCHEMA_VERSION);
        }
    }
}
