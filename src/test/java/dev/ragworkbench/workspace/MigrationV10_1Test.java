package dev.ragworkbench.workspace;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A workspace of schema 3 (before migration 10.1) (document text as CLOB) opened by this build: every text kept, now a plain value. */
class MigrationV10_1Test {

    @TempDir
    Path dir;

    @Test
    void documentTextsSurviveTheChangeFromClob() throws Exception {
        Path ws = dir.resolve("ws");
        Files.createDirectories(ws);
        var ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + ws.resolve(Workspace.DATABASE_NAME));
        ds.setUser("sa");
        ds.setPassword("");
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").target("3").load().migrate();
        // a short text (kept inline even as a CLOB), a long one (in H2's LOB store), one past 64K chars, non-ASCII
        String shortText = "Short text.";
        String longText = "Ünïcödé abstract, α-synuclein; ".repeat(200);
        String huge = "x".repeat(300_000) + " end";
        try (var c = ds.getConnection(); var st = c.createStatement()) {
            st.execute("INSERT INTO corpus (name, source, format, created_at) VALUES"
                       + " ('c', 'src', 'files', CURRENT_TIMESTAMP)");
            try (var ps = c.prepareStatement("INSERT INTO document (corpus, id, source, title, type, content_hash,"
                    + " text, chars, metadata, page_starts, imported_at) VALUES ('c', ?, 's', 't', 'text', ?, ?, ?,"
                    + " '{}', '[]', CURRENT_TIMESTAMP)")) {
                String[] texts = {shortText, longText, huge};
                for (int i = 0; i < texts.length; i++) {
                    ps.setString(1, "d" + i);
                    ps.setString(2, "%064d".formatted(i));
                    ps.setString(3, texts[i]);
                    ps.setInt(4, texts[i].length());
                    ps.executeUpdate();
                }
            }
        }
        try (var w = Workspace.open(ws); var c = w.connection(); var st = c.createStatement()) {
            assertThat(Workspace.schemaVersion(c)).isEqualTo(Workspace.SCHEMA_VERSION);
            try (var rs = st.executeQuery("SELECT DATA_TYPE FROM INFORMATION_SCHEMA.COLUMNS"
                                          + " WHERE TABLE_NAME = 'DOCUMENT' AND COLUMN_NAME = 'TEXT'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("CHARACTER VARYING");
            }
            try (var rs = st.executeQuery("SELECT id, text FROM document ORDER BY id")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(2)).isEqualTo(shortText);
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(2)).isEqualTo(longText);
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(2)).isEqualTo(huge);
            }
        }
    }
}
