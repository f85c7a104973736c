package dev.ragworkbench.workspace;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

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
}
