package dev.ragworkbench.index;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ragworkbench.chunking.Chunk;
import dev.ragworkbench.workspace.Workspace;

import java.sql.SQLException;
import java.util.List;

/** The {@code chunk} table: each index's chunks (offsets, token counts, metadata) for the UI and reports. */
public final class ChunkTable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BATCH = 1000;

    private ChunkTable() {
    }

    /** Replaces the rows of {@code indexName} with {@code chunks}, in one transaction. */
    public static void replace(Workspace workspace, String indexName, List<Chunk> chunks) {
        try (var c = workspace.connection()) {
            c.setAutoCommit(false);
            try (var delete = c.prepareStatement("DELETE FROM chunk WHERE index_name = ?");
                 var insert = c.prepareStatement("INSERT INTO chunk (index_name, document_id, ordinal, start_offset,"
                         + " end_offset, token_count, metadata) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                delete.setString(1, indexName);
                delete.executeUpdate();
                int n = 0;
                for (Chunk chunk : chunks) {
                    insert.setString(1, indexName);
                    insert.setString(2, chunk.documentId());
                    insert.setInt(3, chunk.ordinal());
                    insert.setInt(4, chunk.start());
                    insert.setInt(5, chunk.end());
                    insert.setInt(6, chunk.tokenCount());
                    insert.setString(7, JSON.writeValueAsString(chunk.metadata()));
                    insert.addBatch();
                    if (++n % BATCH == 0) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
                c.commit();
            } catch (SQLException | JsonProcessingException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("cannot record the chunks of index " + indexName + ": " + e.getMessage(), e);
        }
    }

    /** Removes the rows of a deleted index. */
    public static void delete(Workspace workspace, String indexName) {
        try (var c = workspace.connection(); var delete = c.prepareStatement("DELETE FROM chunk WHERE index_name = ?")) {
            delete.setString(1, indexName);
            delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot remove the chunks of index " + indexName + ": " + e.getMessage(), e);
        }
    }
}
