package dev.ragworkbench.workspace;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * H2's compaction on close is off (it cost every command a third of a second); a file that is mostly space of rows
 * written over is compacted when the last user closes it, and one that is not is left as it is.
 */
class CompactOnCloseTest {

    @TempDir
    Path dir;

    @Test
    void aNewWorkspaceIsNotCompacted() throws Exception {
        // a new file is 5 % live after the migrations, but small: its first close stays quick
        try (var w = Workspace.open(dir.resolve("new"))) {
            assertThat(Workspace.worthCompacting(w.keepAliveForTest())).isFalse();
        }
    }

    @Test
    void aFileOfMostlyDeadSpaceIsCompactedAtCloseAndALiveOneIsNot() throws Exception {
        Path ws = dir.resolve("ws");
        Path file = ws.resolve(Workspace.DATABASE_NAME + ".mv.db");
        long before;
        try (var w = Workspace.open(ws)) {
            try (var c = w.connection(); var st = c.createStatement()) {
                st.execute("CREATE TABLE scratch (id INT PRIMARY KEY, text CHARACTER VARYING)");
                for (int round = 0; round < 6; round++) {
                    st.execute("INSERT INTO scratch SELECT X, REPEAT('abcdefghij', 2000) || X"
                               + " FROM SYSTEM_RANGE(1, 1000)");
                    Jdbc.flush(c);
                    st.execute("DELETE FROM scratch");
                    Jdbc.flush(c);
                }
                assertThat(Workspace.worthCompacting(w.keepAliveForTest()))
                        .as("not while another connection is open").isFalse();
            }
            assertThat(Workspace.worthCompacting(w.keepAliveForTest())).isTrue();
            before = Files.size(file);
        }
        assertThat(before).isGreaterThan(Workspace.COMPACT_ABOVE_BYTES);
        long after = Files.size(file);
        assertThat(after).as("compacted from %,d bytes", before).isLessThan(before / 4);

        try (var w = Workspace.open(ws)) {
            assertThat(Workspace.worthCompacting(w.keepAliveForTest())).isFalse();
        }
        assertThat(Files.size(file)).isLessThan(before / 4);
    }
}
