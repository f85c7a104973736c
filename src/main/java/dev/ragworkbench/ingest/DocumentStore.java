package dev.ragworkbench.ingest;

import dev.ragworkbench.workspace.Jdbc;
import dev.ragworkbench.workspace.Jdbc.Retry;
import dev.ragworkbench.workspace.Sql.Binder;
import dev.ragworkbench.workspace.Sql.RowMapper;
import dev.ragworkbench.workspace.Workspace;

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
    private final Jdbc jdbc;

    public DocumentStore(Workspace workspace) {
        this.workspace = workspace;
        this.jdbc = new Jdbc(workspace);
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

    /**
     * Streams the documents of {@code corpus} in id order without holding them all in memory. On a broken
     * connection (the process serving the database exiting) the stream goes on from a new connection after the last
     * document {@code action} was given, so it sees each document once.
     */
    public void forEachDocument(String corpus, Consumer<? super Document> action) {
        var last = new String[1];
        jdbc.withConnection("reading documents of " + corpus, Retry.ONCE, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + DOCUMENT_COLUMNS + " FROM document"
                    + " WHERE corpus = ?" + (last[0] == null ? "" : " AND id > ?") + " ORDER BY id")) {
                ps.setString(1, corpus);
                if (last[0] != null) {
                    ps.setString(2, last[0]);
                }
                ps.setFetchSize(200);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Document d = document(rs);
                        action.accept(d);
                        last[0] = d.id();
                    }
                }
            }
            return null;
        });
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
        return jdbc.inTransaction("deleting corpus " + name, Retry.ONCE, c -> {
            try (var failures = c.prepareStatement("DELETE FROM import_failure WHERE corpus = ?");
                 var corpus = c.prepareStatement("DELETE FROM corpus WHERE name = ?")) {
                failures.setString(1, name);
                failures.executeUpdate();
                corpus.setString(1, name);
                return corpus.executeUpdate() > 0; // documents go by ON DELETE CASCADE
            }
        });
    }

    /** Deletes one document; false when it did not exist. */
    public boolean deleteDocument(String corpus, String id) {
        return jdbc.update("DELETE FROM document WHERE corpus = ? AND id = ?", Retry.ONCE, ps -> {
            ps.setString(1, corpus);
            ps.setString(2, id);
        }) > 0;
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
        return jdbc.query(sql, binder, mapper);
    }

    static IllegalStateException failure(String what, SQLException e) {
        return Jdbc.failure(what, e);
    }
}
