package dev.ragworkbench.ingest;

import dev.ragworkbench.workspace.Sql;
import dev.ragworkbench.workspace.Sql.Binder;
import dev.ragworkbench.workspace.Sql.RowMapper;
import dev.ragworkbench.workspace.Workspace;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** Corpora, documents and import failures in the workspace database. */
public final class DocumentStore {

    static final int DEFAULT_BATCH_SIZE = 500;

    private static final String DOCUMENT_COLUMNS =
            "id, source, title, type, content_hash, text, metadata, page_starts";

    private final Workspace workspace;

    public DocumentStore(Workspace workspace) {
        this.workspace = workspace;
    }

    /** All corpora with their document counts, by name. */
    public List<CorpusInfo> corpora() {
        return query("""
                SELECT c.name, c.source, c.format, c.created_at,
                       (SELECT COUNT(*) FROM document d WHERE d.corpus = c.name)
                FROM corpus c ORDER BY c.name""", ps -> { }, DocumentStore::corpusInfo);
    }

    public Optional<CorpusInfo> corpus(String name) {
        return query("""
                SELECT c.name, c.source, c.format, c.created_at,
                       (SELECT COUNT(*) FROM document d WHERE d.corpus = c.name)
                FROM corpus c WHERE c.name = ?""", ps -> ps.setString(1, name), DocumentStore::corpusInfo)
                .stream().findFirst();
    }

    /** Number of documents in {@code corpus} (0 for an unknown corpus). */
    public int count(String corpus) {
        return query("SELECT COUNT(*) FROM document WHERE corpus = ?", ps -> ps.setString(1, corpus),
                rs -> rs.getInt(1)).getFirst();
    }

    /** Every document of {@code corpus}, in id order. */
    public List<Document> documents(String corpus) {
        var all = new ArrayList<Document>();
        forEachDocument(corpus, all::add);
        return all;
    }

    /** When each document of {@code corpus} was imported, by document id. */
    public Map<String, Instant> importTimes(String corpus) {
        return query("SELECT id, imported_at FROM document WHERE corpus = ?", ps -> ps.setString(1, corpus),
                rs -> Map.entry(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant()))
                .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** Streams the documents of {@code corpus} in id order without holding them all in memory. */
    public void forEachDocument(String corpus, Consumer<? super Document> action) {
        try (Connection c = workspace.connection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT " + DOCUMENT_COLUMNS + " FROM document WHERE corpus = ? ORDER BY id")) {
            ps.setString(1, corpus);
            ps.setFetchSize(200);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    action.accept(document(rs));
                }
            }
        } catch (SQLException e) {
            throw failure("reading documents of " + corpus, e);
        }
    }

    public Optional<Document> document(String corpus, String id) {
        return query("SELECT " + DOCUMENT_COLUMNS + " FROM document WHERE corpus = ? AND id = ?", ps -> {
            ps.setString(1, corpus);
            ps.setString(2, id);
        }, DocumentStore::document).stream().findFirst();
    }

    /** The sources the imports of {@code corpus} could not read, by source. */
    public List<ImportFailure> failures(String corpus) {
        return query("SELECT source, reason FROM import_failure WHERE corpus = ? ORDER BY source",
                ps -> ps.setString(1, corpus), rs -> new ImportFailure(rs.getString(1), rs.getString(2)));
    }

    /** Deletes the corpus, its documents and its failures; false when there was none. */
    public boolean deleteCorpus(String name) {
        try (Connection c = workspace.connection()) {
            c.setAutoCommit(false);
            try (var failures = c.prepareStatement("DELETE FROM import_failure WHERE corpus = ?");
                 var corpus = c.prepareStatement("DELETE FROM corpus WHERE name = ?")) {
                failures.setString(1, name);
                failures.executeUpdate();
                corpus.setString(1, name);
                int deleted = corpus.executeUpdate(); // documents go by ON DELETE CASCADE
                c.commit();
                return deleted > 0;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw failure("deleting corpus " + name, e);
        }
    }

    /** Deletes one document; false when it did not exist. */
    public boolean deleteDocument(String corpus, String id) {
        try (Connection c = workspace.connection();
             var ps = c.prepareStatement("DELETE FROM document WHERE corpus = ? AND id = ?")) {
            ps.setString(1, corpus);
            ps.setString(2, id);
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw failure("deleting document " + id + " of " + corpus, e);
        }
    }

    /**
     * Opens a writer that imports into {@code corpus}, creating the corpus row or updating its source and format.
     *
     * @param skipDuplicateContent whether a new id whose text another id already has is skipped (files) or kept
     *                             (BEIR, whose ids are referenced by qrels and whose titles differ)
     */
    CorpusWriter writer(String corpus, String source, ImportFormat format, boolean skipDuplicateContent,
                        int batchSize) {
        try {
            return new CorpusWriter(workspace.connection(), corpus, source, format.id(), skipDuplicateContent,
                    batchSize);
        } catch (SQLException e) {
            throw failure("opening corpus " + corpus + " for import", e);
        }
    }

    private static CorpusInfo corpusInfo(ResultSet rs) throws SQLException {
        return new CorpusInfo(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(5),
                rs.getObject(4, OffsetDateTime.class).toInstant());
    }

    private static Document document(ResultSet rs) throws SQLException {
        return new Document(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(6), rs.getString(5),
                rs.getString(4), Json.metadata(rs.getString(7)), Json.pageStarts(rs.getString(8)));
    }

    private <T> List<T> query(String sql, Binder binder, RowMapper<T> mapper) {
        try (Connection c = workspace.connection()) {
            return Sql.rows(c, sql, binder, mapper);
        } catch (SQLException e) {
            throw failure(Sql.firstLine(sql), e);
        }
    }

    static IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException("workspace database error " + what + ": " + e.getMessage(), e);
    }
}
