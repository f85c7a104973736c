package dev.ragworkbench.workspace;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A new workspace's database made by {@link FreshDatabase} equals the one Flyway makes from the same migrations:
 * the same schema to the last constraint name, the same history rows and checksums; and Flyway, on the next
 * open and with a later migration, takes that history as its own.
 */
class FreshDatabaseTest {

    /** The options of Workspace's URL: some (WRITE_DELAY) are kept in the file and show in SCRIPT. */
    private static final String OPTIONS = ";AUTO_SERVER=TRUE;WRITE_DELAY=0;MAX_COMPACT_TIME=0";

    @TempDir
    Path dir;

    @Test
    void theSchemaAndHistoryEqualFlyways() throws Exception {
        Path ours = Files.createDirectories(dir.resolve("ours"));
        assertThat(FreshDatabase.createIfAbsent(ours, ";WRITE_DELAY=0;MAX_COMPACT_TIME=0")).isTrue();
        Path flyways = Files.createDirectories(dir.resolve("flyway"));
        Flyway.configure().dataSource(dataSource(flyways)).locations("classpath:db/migration").load().migrate();

        try (Connection a = dataSource(ours).getConnection(); Connection b = dataSource(flyways).getConnection()) {
            List<String> script = script(a);
            assertThat(script).as("the schema as H2 scripts it").containsExactlyElementsOf(script(b));
            assertThat(script).anyMatch(l -> l.contains("CREATE CACHED TABLE \"PUBLIC\".\"DOCUMENT\""));
            assertThat(history(a)).as("Flyway's history, times aside").containsExactlyElementsOf(history(b));
            assertThat(history(a)).hasSize(Migrations.inOrder().size() + 1);
        }
    }

    @Test
    void flywayValidatesTheHistoryAndRunsALaterMigrationOnTop() throws Exception {
        Path ws = Files.createDirectories(dir.resolve("ws"));
        assertThat(FreshDatabase.createIfAbsent(ws, ";WRITE_DELAY=0;MAX_COMPACT_TIME=0")).isTrue();
        var ds = dataSource(ws);
        var flyway = Flyway.configure().dataSource(ds).locations("classpath:db/migration").load();
        flyway.validate(); // throws on a checksum, description or type that differs from the files
        assertThat(flyway.migrate().migrationsExecuted).isZero();

        // the next build's migration, as it will meet a workspace made today
        Path later = Files.createDirectories(dir.resolve("later"));
        Files.writeString(later.resolve("V99__later.sql"), "CREATE TABLE later_table (id INT PRIMARY KEY);\n");
        var next = Flyway.configure().dataSource(ds)
                .locations("classpath:db/migration", "filesystem:" + later).load();
        assertThat(next.migrate().migrationsExecuted).isEqualTo(1);
        next.validate();
        try (var c = ds.getConnection()) {
            assertThat(Workspace.schemaVersion(c)).isEqualTo("99");
        }
    }

    @Test
    void workspaceOpenUsesItAndLeavesNothingElseBehind() throws Exception {
        Path ws = dir.resolve("ws");
        try (var w = Workspace.open(ws); var c = w.connection()) {
            assertThat(Workspace.schemaVersion(c)).isEqualTo(Workspace.SCHEMA_VERSION);
            assertThat(history(c)).hasSize(Migrations.inOrder().size() + 1);
        }
        try (Stream<Path> files = Files.list(ws)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .noneMatch(n -> n.startsWith(Workspace.DATABASE_NAME + "-new-"))
                    .contains(Workspace.DATABASE_NAME + ".mv.db");
        }
        assertThat(FreshDatabase.createIfAbsent(ws, OPTIONS)).as("an existing database is left alone").isFalse();
    }

    @Test
    void checksumIsFlywaysForEveryLineEnding() throws Exception {
        // Flyway's checksum ignores line breaks and a leading BOM: the same file saved on Windows keeps it
        int unix = FreshDatabase.checksum("CREATE TABLE t (id INT);\n-- note\n");
        assertThat(FreshDatabase.checksum("CREATE TABLE t (id INT);\r\n-- note\r\n")).isEqualTo(unix);
        assertThat(FreshDatabase.checksum("\uFEFFCREATE TABLE t (id INT);\n-- note\n")).isEqualTo(unix);
        assertThat(FreshDatabase.checksum("CREATE TABLE t (id INT);\n-- note!\n")).isNotEqualTo(unix);
    }

    private static JdbcDataSource dataSource(Path ws) {
        var ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + ws.resolve(Workspace.DATABASE_NAME) + OPTIONS);
        ds.setUser("sa");
        ds.setPassword("");
        return ds;
    }

    /** {@code SCRIPT NODATA}, less the admin's salted password hash (random in every database). */
    private static List<String> script(Connection c) throws Exception {
        var lines = new ArrayList<String>();
        try (var st = c.createStatement(); var rs = st.executeQuery("SCRIPT NODATA")) {
            while (rs.next()) {
                String line = rs.getString(1);
                lines.add(line.startsWith("CREATE USER IF NOT EXISTS \"SA\" SALT ") ? "CREATE USER SA" : line);
            }
        }
        return lines;
    }

    private static List<String> history(Connection c) throws Exception {
        var rows = new ArrayList<String>();
        try (var st = c.createStatement(); var rs = st.executeQuery("SELECT \"installed_rank\", \"version\","
                + " \"description\", \"type\", \"script\", \"checksum\", \"installed_by\", \"success\""
                + " FROM \"flyway_schema_history\" ORDER BY \"installed_rank\"")) {
            while (rs.next()) {
                var row = new ArrayList<String>();
                for (int i = 1; i <= 8; i++) {
                    row.add(String.valueOf(rs.getObject(i)));
                }
                rows.add(String.join(" | ", row));
            }
        }
        return rows;
    }
}
