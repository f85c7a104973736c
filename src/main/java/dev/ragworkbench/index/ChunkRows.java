package dev.ragworkbench.index;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ragworkbench.chunking.Chunk;
import dev.ragworkbench.workspace.Workspace;

import java.sql.SQLException;
import java.util.Collection;
import java.util.List;

/**
 * The {@code chunk} rows of an updated index: the rows of documents whose chunks went are deleted and the new
 * chunks' rows inserted, in one transaction, so an update writes rows for what changed only. (The whole-index
 * replacement is {@link ChunkTable#replace}; the row format is the same.)
 */
public final class ChunkRows {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BATCH = 1000;

    private ChunkRows() {
    }

    public static void update(Workspace workspace, String indexName, Collection<String> removedDocuments,
                              List<Chunk> added) {
        try (var c = workspace.connection()) {
            c.setAutoCommit(false);
            try (var delete = c.prepareStatement("DELETE FROM chunk WHERE index_name = ? AND document_id = ?");
                 var insert = c.prepareStatement("INSERT INTO chunk (index_name, document_id, ordinal, start_offset,"
                         + " end_offset, token_count, metadata) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (String id : removedDocuments) {
                    delete.setString(1, indexName);
                    delete.setString(2, id);
                    delete.addBatch();
                }
                delete.executeBatch();
                int n = 0;
                for (Chunk chunk : added) {
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
}
