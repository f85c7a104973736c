package dev.ragworkbench.index;

import dev.ragworkbench.chunking.Chunk;
import dev.ragworkbench.workspace.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The chunk rows of an index, written through the workspace's transaction helper. */
class ChunkTableTest {

    @TempDir
    Path dir;

    @Test
    void replacesAnIndexsRowsWholeAndDeletesThem() throws Exception {
        try (var ws = Workspace.open(dir.resolve("ws"))) {
            var many = new ArrayList<Chunk>();
            for (int i = 0; i < 2_500; i++) { // more than one JDBC batch
                many.add(new Chunk("d" + i / 10, i % 10, 0, 5, "text.", 2, Map.of("page", "1")));
            }
            ChunkTable.replace(ws, "a", many);
            ChunkTable.replace(ws, "b", List.of(new Chunk("d1", 0, 0, 3, "abc", 1, Map.of())));
            assertThat(count(ws, "a")).isEqualTo(2_500);

            ChunkTable.replace(ws, "a", many.subList(0, 7));
            assertThat(count(ws, "a")).isEqualTo(7);
            ChunkTable.delete(ws, "a");
            assertThat(count(ws, "a")).isZero();
            assertThat(count(ws, "b")).isEqualTo(1);
        }
    }

    private static int count(Workspace ws, String index) throws SQLException {
        try (var c = ws.connection(); var ps = c.prepareStatement("SELECT COUNT(*) FROM chunk WHERE index_name = ?")) {
            ps.setString(1, index);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
