package dev.ragworkbench.index;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ragworkbench.chunking.Chunk;
import dev.ragworkbench.workspace.Jdbc;
import dev.ragworkbench.workspace.Jdbc.Retry;
import dev.ragworkbench.workspace.Workspace;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The {@code chunk} table: each index's chunks (offsets, token counts, metadata) for the UI and reports. */
public final class ChunkTable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BATCH = 1000;

    private ChunkTable() {
    }

    /** Replaces the rows of {@code indexName} with {@code chunks}, in one transaction. */
    public static void replace(Workspace workspace, String indexName, List<Chunk> chunks) {
        List<String> metadata = metadata(indexName, chunks);
        // Delete and insert again: repeating it after a broken connection leaves the same rows.
        new Jdbc(workspace).inTransaction("recording the chunks of index " + indexName, Retry.ONCE, c -> {
            try (var delete = c.prepareStatement("DELETE FROM chunk WHERE index_name = ?")) {
                delete.setString(1, indexName);
                delete.executeUpdate();
            }
            insert(c, indexName, chunks, metadata);
            return null;
        });
    }

    /**
     * The rows of an updated index: those of {@code removedDocuments} deleted and {@code added} inserted, in one
     * transaction, so an update writes rows for what changed only. Repeatable after a broken connection, as
     * {@link #replace} is.
     */
    public static void update(Workspace workspace, String indexName, Collection<String> removedDocuments,
                              List<Chunk> added) {
        List<String> metadata = metadata(indexName, added);
        new Jdbc(workspace).inTransaction("updating the chunks of index " + indexName, Retry.ONCE, c -> {
            try (var delete = c.prepareStatement("DELETE FROM chunk WHERE index_name = ? AND document_id = ?")) {
                for (String id : removedDocuments) {
                    delete.setString(1, indexName);
                    delete.setString(2, id);
                    delete.addBatch();
                }
                delete.executeBatch();
            }
            insert(c, indexName, added, metadata);
            return null;
        });
    }

    private static List<String> metadata(String indexName, List<Chunk> chunks) {
        var metadata = new ArrayList<String>(chunks.size());
        try {
            for (Chunk chunk : chunks) {
                metadata.add(JSON.writeValueAsString(chunk.metadata()));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot record the chunks of index " + indexName + ": " + e.getMessage(), e);
        }
        return metadata;
    }

    private static void insert(Connection c, String indexName, List<Chunk> chunks, List<String> metadata)
            throws SQLException {
        try (var insert = c.prepareStatement("INSERT INTO chunk (index_name, document_id, ordinal, start_offset,"
                + " end_offset, token_count, metadata) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            int n = 0;
            for (Chunk chunk : chunks) {
                insert.setString(1, indexName);
                insert.setString(2, chunk.documentId());
                insert.setInt(3, chunk.ordinal());
                insert.setInt(4, chunk.start());
                insert.setInt(5, chunk.end());
                insert.setInt(6, chunk.tokenCount());
                insert.setString(7, metadata.get(n));
                insert.addBatch();
                if (++n % BATCH == 0) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
    }

    /** Removes the rows of a deleted index. */
    public static void delete(Workspace workspace, String indexName) {
        new Jdbc(workspace).update("DELETE FROM chunk WHERE index_name = ?", Retry.ONCE,
                ps -> ps.setString(1, indexName));
    }
}
