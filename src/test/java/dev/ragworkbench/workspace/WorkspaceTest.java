package dev.ragworkbench.workspace;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
        // Workspace skips Flyway when a database is at SCHEMA_VERSION: it must follow the files by itself.
        var name = Pattern.compile("V(\\d+)(?:[._]\\d+)*__.*\\.sql");
        int newest;
        try (var files = Files.list(Path.of(Workspace.class.getResource("/db/migration").toURI()))) {
            newest = files.map(f -> name.matcher(f.getFileName().toString()))
                    .filter(java.util.regex.Matcher::matches)
                    .mapToInt(m -> Integer.parseInt(m.group(1))).max().orElseThrow();
        }
        assertThat(Workspace.SCHEMA_VERSION).startsWith(String.valueOf(newest));
        try (var ws = Workspace.open(dir.resolve("ws")); var c = ws.connection()) {
            assertThat(Workspace.schemaVersion(c)).isEqualTo(Workspace.SCHEMA_VERSION);
        }
    }

    @Test
    void versionsCompareAsFlywayOrdersThem() {
        // the numbering of docs/decisions/0005: V<issue>_<n>__ after the plain V1..V3
        assertThat(Migrations.newest(List.of("V1__a.sql", "V3__b.sql", "V2__c.sql"))).contains("3");
        assertThat(Migrations.newest(List.of("V3__b.sql", "V10_1__d.sql", "V9_2__e.sql", "V10_12__f.sql",
                "V10_2__g.sql", "README.md", "R__repeatable.sql"))).contains("10.12");
        assertThat(Migrations.newest(List.of("notes.txt"))).isEmpty();
        assertThat(Migrations.same("3", "3.0")).isTrue();
        assertThat(Migrations.same("10.1", "10.10")).isFalse();
        assertThat(Migrations.same(null, "3")).isFalse();
    }

    @Test
    void theMigrationFolderIsListedInsideAJarToo() throws Exception {
        // The packaged app reads the listing from its jar: the same code path, on a jar made here.
        Path jar = dir.resolve("app.jar");
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
            for (String entry : List.of("db/migration/", "db/migration/V1__a.sql", "db/migration/V10_2__b.sql",
                    "db/other/V99__c.sql")) {
                out.putNextEntry(new java.util.jar.JarEntry(entry));
                out.closeEntry();
            }
        }
        try (var loader = new java.net.URLClassLoader(new java.net.URL[]{jar.toUri().toURL()}, null)) {
            var folder = loader.getResource("db/migration");
            assertThat(folder.getProtocol()).isEqualTo("jar");
            assertThat(Migrations.newest(Migrations.listing(folder))).contains("10.2");
        }
    }

    @Test
    void aDatabaseBehindTheNewestMigrationIsMigrated() throws Exception {
        // A workspace made by a build with only V1: the fast path must not skip the later ones.
        try (var ws = Workspace.open(dir.resolve("old")); var c = ws.connection(); var st = c.createStatement()) {
            st.execute("DELETE FROM \"flyway_schema_history\" WHERE \"version\" IN ('2', '3', '10.1')");
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
